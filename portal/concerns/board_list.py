"""The list of boards on Concerns, with how many concerns each person can see on each."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can
from portal.concerns.models import Board, Concern, Review
from portal.concerns.visibility import access_shape, board_rule
from portal.extensions import db
from portal.statements import VIEWER, built


def list_boards(user: User, *, include_archived: bool = False) -> list[Board]:
    manages, every_group, _ = access_shape(user)
    statement = built(_boards_statement, manages, every_group, include_archived)
    return list(db.session.scalars(statement, {VIEWER.key: user.id}))


def _boards_statement(manages: bool, every_group: bool, include_archived: bool) -> sa.Select:
    query = sa.select(Board).where(board_rule(manages, every_group, VIEWER))
    if not include_archived:
        query = query.where(Board.archived_at.is_(None))
    return query.order_by(Board.position, Board.id)


def count_concerns_by_board(boards: list[Board], user: User) -> dict[int, int]:
    """How many concerns this person can see on each board (not counting merged ones).

    The boards hold their counts (kept by the database: Board.shown_concerns); a member adds
    their own that others cannot see yet, a few rows read through the author's index.
    """
    if can(user, Permission.SEE_HIDDEN_CONCERNS):
        return {board.id: board.open_concerns for board in boards}
    counts = {board.id: board.shown_concerns for board in boards}
    if not boards:
        return counts
    # All their own not shown, on any board (a few): only the boards listed take theirs.
    for board_id, number in db.session.execute(
        built(_own_unshown_statement), {VIEWER.key: user.id}
    ):
        if board_id in counts:
            counts[board_id] += number
    return counts


def _own_unshown_statement() -> sa.Select:
    return (
        sa.select(Concern.board_id, sa.func.count())
        .where(
            Concern.author_id == VIEWER,
            Concern.review != Review.SHOWN,
            Concern.merged_into_id.is_(None),
        )
        .group_by(Concern.board_id)
    )
