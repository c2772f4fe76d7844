"""Moderation writes: reports, staff decisions, the log. Functions flush; the view commits once.

Every decision first locks the item's row with a do-nothing UPDATE (a row lock on PostgreSQL,
the write lock on SQLite), then reads the item again. So when two staff act on the same item at
once, the second waits, then sees what the first did and is told so (`AlreadyDone`).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, url_for

from portal.accounts.models import User
from portal.concerns.models import Concern, Reply, Review, Status
from portal.concerns.services import add_update, supporter_ids
from portal.database import insert_or_ignore
from portal.extensions import db
from portal.moderation.models import CONCERN, REPLY, LogEntry, Report
from portal.notices.services import notify
from portal.timeutil import utcnow

ACTIONS = ("approve", "hide", "restore", "lock", "unlock", "close", "dealt")
BULK_ACTIONS = ("approve", "hide", "restore", "dealt")


class AlreadyDone(Exception):
    """Someone else already decided: the item is not in the state this action needs."""


Item = Concern | Reply


def item_model(kind: str) -> type[Item]:
    return Concern if kind == CONCERN else Reply


def item_kind(item: Item) -> str:
    return CONCERN if isinstance(item, Concern) else REPLY


def item_text(item: Item) -> str:
    if isinstance(item, Concern):
        return "\n\n".join(part for part in (item.title, item.details or "") if part)
    return item.words


def is_hidden(item: Item) -> bool:
    if isinstance(item, Concern):
        return item.review == Review.HIDDEN
    return item.hidden_at is not None


def lock_item(item: Item) -> None:
    """Hold the item's row until the transaction ends, then read it as it is now."""
    model = type(item)
    db.session.execute(
        sa.update(model)
        .where(model.id == item.id)
        .values(id=model.id)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(item)


def write_log(
    by: User | None,
    action: str,
    kind: str,
    item_id: int,
    *,
    reason: str | None = None,
    note: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> LogEntry:
    """Add one line to the moderation log. There is no function to change or remove one."""
    entry = LogEntry(
        moderator_id=by.id if by else None,
        action=action,
        item_kind=kind,
        item_id=item_id,
        reason=reason or None,
        note=note or None,
        before_text=before,
        after_text=after,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


# --- Members tell staff ---------------------------------------------------------------------
def _insert_report(values: dict) -> sa.Executable:
    return insert_or_ignore(Report, values).returning(Report.id)


def open_report_count(kind: str, item_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Report.id)).where(
            Report.item_kind == kind, Report.item_id == item_id, Report.dealt_at.is_(None)
        )
    )


def report_item(item: Item, reporter: User, reason: str, note: str = "") -> bool:
    """A member tells staff about an item. False when they already did (one report each).

    When the open reports reach REPORTS_TO_HIDE, the item is hidden until staff decide.
    """
    kind = item_kind(item)
    values = {
        "item_kind": kind,
        "item_id": item.id,
        "reporter_id": reporter.id,
        "reason": reason,
        "note": note or None,
        "created_at": utcnow(),
    }
    if db.session.execute(_insert_report(values)).first() is None:
        return False
    lock_item(item)
    if not is_hidden(item) and open_report_count(kind, item.id) >= _reports_to_hide():
        _set_hidden(item, True)
        item.auto_hidden = True
        write_log(None, "auto_hidden", kind, item.id, before=item_text(item))
        notify(
            item.author_id,
            f"moderation_{kind}_auto_hidden",
            link=item_link(item),
            title=item_title(item),
        )
    db.session.flush()
    return True


def _reports_to_hide() -> int:
    return max(1, int(current_app.config.get("REPORTS_TO_HIDE", 3)))


# --- Staff decide -----------------------------------------------------------------------------
@dataclass
class Decision:
    action: str
    reason: str = ""  # a hide reason key
    note: str = ""  # to the author (hide) or the outcome (close)


def _set_hidden(item: Item, hidden: bool) -> None:
    if isinstance(item, Concern):
        item.review = Review.HIDDEN if hidden else Review.SHOWN
    else:
        item.hidden_at = utcnow() if hidden else None


def item_title(item: Item) -> str:
    return item.title if isinstance(item, Concern) else item.concern.title


def item_link(item: Item) -> str:
    if isinstance(item, Concern):
        return url_for("concerns.show_concern", concern_id=item.id)
    return url_for("concerns.show_concern", concern_id=item.concern_id) + f"#reply-{item.id}"


def _allowed(item: Item, action: str) -> bool:
    concern = item if isinstance(item, Concern) else None
    has_reports = open_report_count(item_kind(item), item.id) > 0
    checks = {
        "approve": concern is not None and concern.review == Review.WAITING,
        "hide": not is_hidden(item) or item.auto_hidden,
        "restore": is_hidden(item),
        "lock": concern is not None and concern.locked_at is None,
        "unlock": concern is not None and concern.locked_at is not None,
        "close": concern is not None and concern.status != Status.CLOSED,
        "dealt": has_reports,
    }
    return checks.get(action, False)


def decide(item: Item, by: User, decision: Decision) -> None:
    """Carry out one staff decision on one item, tell its author, and log it.

    Raises AlreadyDone when the item is no longer in a state the action fits
    (another member of staff got there first).
    """
    lock_item(item)
    action = decision.action
    if not _allowed(item, action):
        raise AlreadyDone(action)
    kind = item_kind(item)
    before = item_text(item)
    was_auto_hidden = item.auto_hidden
    item.auto_hidden = False
    author_kind = None
    if action == "approve":
        item.review = Review.SHOWN
        author_kind = "moderation_concern_approved"
    elif action == "hide":
        _set_hidden(item, True)
        item.moderation_reason = decision.reason or "other"
        item.moderation_note = decision.note or None
        author_kind = f"moderation_{kind}_hidden"
    elif action == "restore":
        _set_hidden(item, False)
        item.moderation_reason = item.moderation_note = None
        author_kind = f"moderation_{kind}_restored"
    elif action in ("lock", "unlock"):
        item.locked_at = utcnow() if action == "lock" else None
        author_kind = f"moderation_concern_{action}ed"
    elif action == "close":
        add_update(item, by, status=Status.CLOSED, words=decision.note, closed_reason=decision.note)
        author_kind = "moderation_concern_closed"
    elif action == "dealt" and was_auto_hidden:
        _set_hidden(item, False)  # staff looked and it is fine: back where it was
        author_kind = f"moderation_{kind}_restored"
    _mark_reports_dealt(kind, item.id)
    write_log(
        by,
        _LOGGED[action],
        kind,
        item.id,
        reason=decision.reason,
        note=decision.note,
        before=before,
        after=item_text(item),
    )
    if author_kind and item.author_id != by.id:
        _tell_author(item, author_kind, decision)
    db.session.flush()


_LOGGED = {
    "approve": "approved",
    "hide": "hidden",
    "restore": "restored",
    "lock": "locked",
    "unlock": "unlocked",
    "close": "closed",
    "dealt": "dealt",
}


def _tell_author(item: Item, kind: str, decision: Decision) -> None:
    params = {"title": item_title(item)}
    if decision.action == "hide":
        params["reason"] = decision.reason or "other"
    if decision.action == "close":
        params["outcome"] = decision.note
    people = [item.author_id]
    if decision.action in ("close", "lock") and isinstance(item, Concern):
        people += supporter_ids(item.id)
    notify(people, kind, link=item_link(item), **params)


def _mark_reports_dealt(kind: str, item_id: int) -> None:
    db.session.execute(
        sa.update(Report)
        .where(Report.item_kind == kind, Report.item_id == item_id, Report.dealt_at.is_(None))
        .values(dealt_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def decide_many(items: list[Item], by: User, decision: Decision) -> tuple[int, int]:
    """The same decision on several items, in the caller's one transaction.

    Items someone else already decided are skipped and counted; any other failure raises,
    and the view's transaction is never committed, so nothing at all changes.
    Returns (done, skipped).
    """
    done = skipped = 0
    for item in items:
        try:
            decide(item, by, decision)  # refuses before changing anything
        except AlreadyDone:
            skipped += 1
        else:
            done += 1
    return done, skipped
