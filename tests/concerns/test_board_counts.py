"""Each board holds how many of its concerns are shown (kept by the database's triggers): the
Concerns page reads them, not every concern. Whatever changes a concern, the counts stay what
counting every concern would give."""

from __future__ import annotations

import re

import sqlalchemy as sa

from portal.accounts.models import User
from portal.concerns.board_list import count_concerns_by_board
from portal.concerns.models import Board, Concern
from portal.extensions import db
from tests import factories
from tests.factories import create_board, create_concern, create_user


def _counted_from_scratch() -> dict[int, tuple[int, int]]:
    """(shown to everyone, not merged) for every board, counting every concern."""
    counts = {}
    for board_id in db.session.scalars(sa.select(Board.id)):
        alive = sa.select(sa.func.count()).where(
            Concern.board_id == board_id, Concern.merged_into_id.is_(None)
        )
        shown = alive.where(Concern.review == "shown")
        counts[board_id] = (db.session.scalar(shown), db.session.scalar(alive))
    return counts


def _kept() -> dict[int, tuple[int, int]]:
    rows = db.session.execute(sa.select(Board.id, Board.shown_concerns, Board.open_concerns))
    return {board_id: (shown, open_) for board_id, shown, open_ in rows}


def _check(app) -> dict[int, tuple[int, int]]:
    with app.app_context():
        kept = _kept()
        assert kept == _counted_from_scratch()
        return kept


def _change(statement) -> None:
    with factories.APP.app_context():
        db.session.execute(statement)
        db.session.commit()


def test_every_change_to_a_concern_keeps_the_counts(app, member, other_member):
    buses, shops = create_board("Buses"), create_board("Shops")
    first = create_concern(buses.id, other_member.id, "The bus is late")
    second = create_concern(buses.id, member.id, "The bus is full")
    waiting = create_concern(buses.id, member.id, "The bus smells", review="waiting")
    assert _check(app)[buses.id] == (2, 3)

    _change(sa.update(Concern).where(Concern.id == waiting.id).values(review="shown"))
    assert _check(app)[buses.id] == (3, 3)
    _change(sa.update(Concern).where(Concern.id == first.id).values(review="hidden"))
    assert _check(app)[buses.id] == (2, 3)
    # Merged into another: it counts no more, on either count.
    _change(sa.update(Concern).where(Concern.id == second.id).values(merged_into_id=waiting.id))
    assert _check(app)[buses.id] == (1, 2)
    # Moved to another board: off one, onto the other.
    _change(sa.update(Concern).where(Concern.id == waiting.id).values(board_id=shops.id))
    assert _check(app)[buses.id] == (0, 1)
    assert _check(app)[shops.id] == (1, 1)
    # Changes that do not touch what is counted leave the counts alone.
    _change(sa.update(Concern).where(Concern.id == first.id).values(support_count=7))
    assert _check(app)[buses.id] == (0, 1)
    # The concern another was merged into is deleted, then an account with its concerns. Where
    # the database follows the links (PostgreSQL: SET NULL, ON DELETE CASCADE), the rows it
    # changes are counted as any other; either way the counts are what counting gives.
    _change(sa.delete(Concern).where(Concern.id == waiting.id))
    assert _check(app)[shops.id] == (0, 0)
    _change(sa.delete(User).where(User.id == member.id))
    _check(app)


def test_each_person_sees_the_count_of_what_they_can_see(app, member, other_member, staff):
    board = create_board("Buses")
    create_concern(board.id, other_member.id, "The bus is late")
    create_concern(board.id, member.id, "The bus smells", review="waiting")
    create_concern(board.id, other_member.id, "Rude words", review="hidden")
    kim = create_user("member", username="kim", display_name="Kim Lee")
    with app.app_context():
        boards = list(db.session.scalars(sa.select(Board)))
        seen = {
            person.username: count_concerns_by_board(boards, db.session.get(User, person.id))
            for person in (member, other_member, kim, staff)
        }
    assert seen == {
        "sam": {board.id: 2},  # the shown one and their own, waiting for a check
        "priya": {board.id: 2},  # the shown one and their own, hidden
        "kim": {board.id: 1},
        "jo": {board.id: 3},  # staff see every one not merged
    }


def test_the_concerns_page_says_the_count(client_for, member, other_member):
    board = create_board("Buses")
    create_concern(board.id, other_member.id, "The bus is late")
    sam = client_for(member)
    assert re.search(r">1 concern<", sam.get("/concerns").text)
    create_concern(board.id, other_member.id, "The bus is cold")
    assert re.search(r">2 concerns<", sam.get("/concerns").text)
