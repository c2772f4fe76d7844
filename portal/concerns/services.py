"""Changing boards and concerns. Functions flush; the view commits once."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from portal.accounts.helping import helped_by_for, note_help
from portal.accounts.models import User
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
from portal.database import insert_or_ignore
from portal.extensions import db
from portal.notices.services import notify
from portal.timeutil import utcnow

DRAFT_FIELDS = ("title", "details", "place", "picture")
DRAFT_LIMITS = {"title": 400, "details": 4000, "place": 400, "picture": 40}


# --- Boards -----------------------------------------------------------------------------------
def create_board(
    *, name: str, picture: str, group_id: int | None = None, check_first: bool = False
) -> Board:
    last = db.session.scalar(sa.select(sa.func.max(Board.position))) or 0
    board = Board(
        name=name, picture=picture, group_id=group_id, check_first=check_first, position=last + 1
    )
    db.session.add(board)
    db.session.flush()
    return board


def update_board(
    board: Board, *, name: str, picture: str, group_id: int | None, check_first: bool
) -> None:
    board.name = name
    board.picture = picture
    board.group_id = group_id
    board.check_first = check_first
    db.session.flush()


def move_board(board: Board, direction: int) -> None:
    """Swap places with the next open board up (-1) or down (+1)."""
    boards = list(
        db.session.scalars(
            sa.select(Board).where(Board.archived_at.is_(None)).order_by(Board.position, Board.id)
        )
    )
    for number, each in enumerate(boards):
        each.position = number  # renumber, so equal positions never block a move
    index = boards.index(board) if board in boards else -1
    other = index + direction
    if index >= 0 and 0 <= other < len(boards):
        board.position, boards[other].position = boards[other].position, board.position
    db.session.flush()


def set_board_archived(board: Board, archived: bool) -> None:
    board.archived_at = utcnow() if archived else None
    db.session.flush()


# --- Raising a concern --------------------------------------------------------------------------
def save_draft(user: User, board: Board, **answers: str) -> ConcernDraft:
    """Keep the answers so far. Unknown fields are ignored; long text is cut, never refused."""
    draft = db.session.scalar(
        sa.select(ConcernDraft).where(
            ConcernDraft.user_id == user.id, ConcernDraft.board_id == board.id
        )
    )
    if draft is None:
        draft = ConcernDraft(user_id=user.id, board_id=board.id)
        db.session.add(draft)
    for name, value in answers.items():
        if name in DRAFT_FIELDS and value is not None:
            setattr(draft, name, value[: DRAFT_LIMITS[name]])
    draft.updated_at = utcnow()
    db.session.flush()
    return draft


def discard_draft(user: User, board: Board) -> None:
    db.session.execute(
        sa.delete(ConcernDraft).where(
            ConcernDraft.user_id == user.id, ConcernDraft.board_id == board.id
        )
    )


def create_concern(
    board: Board,
    author: User,
    *,
    title: str,
    details: str = "",
    place: str = "",
    picture: str = "board",
) -> Concern:
    """Put a concern on the board; its author supports it at once.

    On a board where staff check new concerns first, it waits: only its author and staff see it.
    """
    concern = Concern(
        board_id=board.id,
        author_id=author.id,
        title=title,
        details=details or None,
        place=place or None,
        picture=picture,
        review=Review.WAITING if board.check_first else Review.SHOWN,
    )
    db.session.add(concern)
    db.session.flush()
    set_support(concern.id, author.id, True)
    discard_draft(author, board)
    return concern


# --- Supporting ---------------------------------------------------------------------------------
def _insert_ignoring_duplicates(values: dict) -> sa.Executable:
    return insert_or_ignore(Support, values)


def set_support(concern_id: int, user_id: int, supported: bool) -> bool:
    """Support a concern, or take support back. True when something changed.

    Asking for the state you want (not "toggle") makes a double tap harmless. The insert skips
    a duplicate inside the database and the count moves by the rows really added or removed,
    in one UPDATE, so concurrent requests can neither add a second support nor lose one.
    """
    if supported:
        statement = _insert_ignoring_duplicates(
            {
                "concern_id": concern_id,
                "user_id": user_id,
                "created_at": utcnow(),
                "helped_by_id": helped_by_for(user_id),
            }
        )
        change = 1
    else:
        statement = sa.delete(Support).where(
            Support.concern_id == concern_id, Support.user_id == user_id
        )
        change = -1
    # RETURNING says whether a row was really added or removed (rowcount is not reliable
    # for ORM-enabled statements on every driver).
    if db.session.execute(statement.returning(Support.user_id)).first() is None:
        return False
    db.session.execute(
        sa.update(Concern)
        .where(Concern.id == concern_id)
        .values(support_count=Concern.support_count + change)
        .execution_options(synchronize_session=False)
    )
    note_help(lambda: ("support" if supported else "unsupport", {"title": _title(concern_id)}))
    return True


def _title(concern_id: int) -> str:
    return db.session.scalar(sa.select(Concern.title).where(Concern.id == concern_id)) or ""


def support_count(concern_id: int) -> int:
    return db.session.scalar(sa.select(Concern.support_count).where(Concern.id == concern_id))


def supporter_ids(concern_id: int) -> list[int]:
    return list(
        db.session.scalars(sa.select(Support.user_id).where(Support.concern_id == concern_id))
    )


# --- What happens next ------------------------------------------------------------------------
def add_update(
    concern: Concern, by: User, *, status: Status, words: str, closed_reason: str = ""
) -> ConcernUpdate:
    """Staff or a co-trainer says what is happening; the status changes with it."""
    update = ConcernUpdate(concern_id=concern.id, author_id=by.id, status=status, words=words)
    db.session.add(update)
    if status != concern.status:
        concern.status = status
        concern.status_changed_at = utcnow()
    concern.closed_reason = (closed_reason or None) if status == Status.CLOSED else None
    db.session.flush()
    return update


def give_update(
    concern: Concern, by: User, *, status: Status, words: str, closed_reason: str = ""
) -> ConcernUpdate:
    """An update, and a notice to the author and supporters (not to whoever gave it): a new
    status if it changed, otherwise news. The concern page and the agenda editor both use it."""
    old_status = concern.status
    update = add_update(concern, by, status=status, words=words, closed_reason=closed_reason)
    people = (set(supporter_ids(concern.id)) | {concern.author_id}) - {by.id}
    kind = "concern_status_changed" if status != old_status else "concern_updated"
    link = url_for("concerns.show_concern", concern_id=concern.id)
    notify(sorted(people), kind, link=link, title=concern.title)
    return update


def add_reply(concern: Concern, by: User, words: str) -> Reply:
    reply = Reply(concern_id=concern.id, author_id=by.id, words=words)
    db.session.add(reply)
    db.session.flush()
    return reply


def reply_and_tell(concern: Concern, by: User, words: str) -> Reply:
    """A member's reply; the concern's author is told, unless they wrote it."""
    reply = add_reply(concern, by, words)
    if concern.author_id != by.id:
        link = url_for("concerns.show_concern", concern_id=concern.id) + "#replies"
        notify(
            concern.author_id,
            "concern_replied",
            link=link,
            name=by.display_name,
            title=concern.title,
        )
    return reply


def edit_reply(reply: Reply, words: str) -> None:
    reply.words = words
    reply.edited_at = utcnow()
    db.session.flush()


def delete_reply(reply: Reply) -> None:
    db.session.delete(reply)
    db.session.flush()
