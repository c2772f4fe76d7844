"""Reading boards and concerns: what a person may see, eager-loaded, a fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, lazyload

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can
from portal.concerns.listed import LISTED_COLUMNS, ListedConcern
from portal.concerns.models import (
    Board,
    Concern,
    ConcernDraft,
    ConcernUpdate,
    Reply,
    Review,
    Status,
    Support,
)
from portal.concerns.visibility import (
    access_shape,
    board_filter,
    board_rule,
    concern_filter,
    concern_rule,
)
from portal.extensions import db
from portal.pagination import one_built_page, paged
from portal.statements import VIEWER, built

PER_PAGE = 20
SORTS = ("support", "newest")
STATUSES = frozenset(s.value for s in Status)


def get_board(board_id: int, user: User) -> Board | None:
    manages, every_group, _ = access_shape(user)
    statement = built(_board_statement, manages, every_group)
    return db.session.scalar(statement, {"board_id": board_id, VIEWER.key: user.id})


def _board_statement(manages: bool, every_group: bool) -> sa.Select:
    return (
        sa.select(Board)
        .options(lazyload(Board.group))  # the board's page does not show its group
        .where(Board.id == sa.bindparam("board_id"), board_rule(manages, every_group, VIEWER))
    )


@dataclass
class BoardPage:
    concerns: list[ListedConcern]
    supported_ids: set[int]
    has_more: bool
    page: int


def list_board_concerns(
    board: Board, user: User, *, sort: str = "support", status: str = "", page: int = 1
) -> BoardPage:
    """One page of a board's concerns, and which of them this person supports: one query
    however many concerns there are. Each is the columns its row shows
    (portal/concerns/listed.py), not an ORM object."""
    status = status if status in STATUSES else None
    sort = "newest" if sort == "newest" else "support"
    sees_hidden = access_shape(user)[2]
    statement = built(_board_concerns_statement, sees_hidden, sort, status is not None)
    values = {"board_id": board.id, VIEWER.key: user.id, "status": status and Status(status)}
    rows, has_more = one_built_page(statement, values, page, PER_PAGE, whole_rows=True)
    listed = [ListedConcern._make(row[:-1]) for row in rows]
    supported = {concern.id for concern, row in zip(listed, rows, strict=True) if row[-1]}
    return BoardPage(listed, supported, has_more, page)


def _board_concerns_statement(sees_hidden: bool, sort: str, by_status: bool) -> sa.Select:
    # Whether this person supports each one, in the same query, as its last column.
    supported = (
        sa.exists()
        .where(Support.concern_id == Concern.id, Support.user_id == VIEWER)
        .label("supported")
    )
    query = sa.select(*LISTED_COLUMNS, supported).where(
        Concern.board_id == sa.bindparam("board_id"),
        concern_rule(sees_hidden, VIEWER),
        Concern.merged_into_id.is_(None),
    )
    if by_status:
        query = query.where(Concern.status == sa.bindparam("status"))
    if sort == "newest":
        query = query.order_by(Concern.created_at.desc(), Concern.id.desc())
    else:
        query = query.order_by(Concern.support_count.desc(), Concern.id.desc())
    return paged(query)


def supported_ids(user: User, concern_ids: list[int]) -> set[int]:
    if not concern_ids:
        return set()
    statement = built(_supported_statement)
    return set(db.session.scalars(statement, {VIEWER.key: user.id, "concern_ids": concern_ids}))


def _supported_statement() -> sa.Select:
    return sa.select(Support.concern_id).where(
        Support.user_id == VIEWER,
        Support.concern_id.in_(sa.bindparam("concern_ids", expanding=True)),
    )


def get_concern(concern_id: int, user: User) -> Concern | None:
    """A concern this person may see, with its board and author."""
    statement = built(_concern_statement, *access_shape(user), False)
    return db.session.scalar(statement, {"concern_id": concern_id, VIEWER.key: user.id})


def get_concern_and_support(concern_id: int, user: User) -> tuple[Concern | None, bool]:
    """get_concern, and whether this person supports it, in the same query (its page)."""
    statement = built(_concern_statement, *access_shape(user), True)
    row = db.session.execute(statement, {"concern_id": concern_id, VIEWER.key: user.id}).first()
    return (row[0], bool(row[1])) if row is not None else (None, False)


def _concern_statement(
    manages: bool, every_group: bool, sees_hidden: bool, with_support: bool
) -> sa.Select:
    columns: list[Any] = [Concern]
    if with_support:
        mine = sa.exists().where(Support.concern_id == Concern.id, Support.user_id == VIEWER)
        columns.append(mine.label("supported"))
    return (
        sa.select(*columns)
        .join(Concern.board)
        .options(joinedload(Concern.board), joinedload(Concern.author))
        .where(
            Concern.id == sa.bindparam("concern_id"),
            board_rule(manages, every_group, VIEWER),
            concern_rule(sees_hidden, VIEWER),
        )
    )


def list_updates(concern_id: int) -> list[ConcernUpdate]:
    return list(db.session.scalars(built(_updates_statement), {"concern_id": concern_id}))


def _updates_statement() -> sa.Select:
    return (
        sa.select(ConcernUpdate)
        .options(joinedload(ConcernUpdate.author))
        .where(ConcernUpdate.concern_id == sa.bindparam("concern_id"))
        .order_by(ConcernUpdate.created_at.desc(), ConcernUpdate.id.desc())
    )


def list_replies(concern_id: int, user: User | None = None) -> list[Reply]:
    """Replies under a concern. Hidden replies are for their author and staff only."""
    every_reply = user is None or can(user, Permission.SEE_HIDDEN_CONCERNS)
    statement = built(_replies_statement, every_reply)
    values = {"concern_id": concern_id, VIEWER.key: user.id if user is not None else None}
    return list(db.session.scalars(statement, values))


def _replies_statement(every_reply: bool) -> sa.Select:
    query = (
        sa.select(Reply)
        .options(joinedload(Reply.author))
        .where(Reply.concern_id == sa.bindparam("concern_id"))
        .order_by(Reply.created_at, Reply.id)
    )
    if not every_reply:
        query = query.where(sa.or_(Reply.hidden_at.is_(None), Reply.author_id == VIEWER))
    return query


def get_own_reply(reply_id: int, user: User) -> Reply | None:
    """A reply this person wrote, on a concern they can still see."""
    reply = db.session.scalar(
        sa.select(Reply)
        .options(joinedload(Reply.concern))
        .where(Reply.id == reply_id, Reply.author_id == user.id)
    )
    if reply is None or get_concern(reply.concern_id, user) is None:
        return None
    return reply


def get_draft(user: User, board: Board) -> ConcernDraft | None:
    return db.session.scalar(
        sa.select(ConcernDraft).where(
            ConcernDraft.user_id == user.id, ConcernDraft.board_id == board.id
        )
    )


_WORD = re.compile(r"\w+")
# Small words that every title has; matching on them finds nothing useful.
_COMMON_WORDS = """
    the and for are but not you your our has have had was were this that with from there they
    them their what when where who why how too very can cannot cant dont does did its into out
    about any all some get got yr mae yn ac ar am ein eu gyda dim
"""
_COMMON = frozenset(_COMMON_WORDS.split())


def title_words(title: str) -> list[str]:
    words = [w for w in _WORD.findall(title.lower()) if len(w) >= 3 and w not in _COMMON]
    return list(dict.fromkeys(words))[:8]


def similar_concerns(board: Board, user: User, title: str, limit: int = 3) -> list[Concern]:
    """Up to `limit` concerns on the board that share words with `title`, best match first.

    LIKE on lower-cased titles works the same on SQLite and PostgreSQL; the few candidates
    are then ranked by how many words they share, then by support.
    """
    words = title_words(title)
    if not words:
        return []
    matches = [sa.func.lower(Concern.title).like(f"%{w}%") for w in words]
    candidates = db.session.scalars(
        sa.select(Concern)
        .where(
            Concern.board_id == board.id,
            Concern.review == Review.SHOWN,
            Concern.status != Status.CLOSED,
            Concern.merged_into_id.is_(None),
            sa.or_(*matches),
        )
        .order_by(Concern.support_count.desc(), Concern.id.desc())
        .limit(50)
    )

    def score(concern: Concern) -> tuple[int, int]:
        theirs = set(title_words(concern.title))
        return (len(theirs & set(words)), concern.support_count)

    ranked = sorted(candidates, key=score, reverse=True)
    return [c for c in ranked if score(c)[0] > 0][:limit]


def list_raised(user: User) -> list[Concern]:
    return list(
        db.session.scalars(
            sa.select(Concern)
            .join(Concern.board)
            .options(joinedload(Concern.board))
            .where(Concern.author_id == user.id, board_filter(user))
            .order_by(Concern.created_at.desc(), Concern.id.desc())
        )
    )


def list_supported(user: User) -> list[Concern]:
    """Concerns this person supports but did not raise."""
    return list(
        db.session.scalars(
            sa.select(Concern)
            .join(Concern.board)
            .join(Support, Support.concern_id == Concern.id)
            .options(joinedload(Concern.board))
            .where(
                Support.user_id == user.id,
                Concern.author_id != user.id,
                board_filter(user),
                concern_filter(user),
            )
            .order_by(Concern.status_changed_at.desc(), Concern.id.desc())
        )
    )
