"""Edit for clarity (the author's words are kept) and suspending a member's posting."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from portal.accounts.models import Suspension, User
from portal.accounts.posting import get_suspension
from portal.concerns.models import Concern, Reply
from portal.extensions import db
from portal.moderation.services import (
    Item,
    item_kind,
    item_link,
    item_text,
    item_title,
    lock_item,
    write_log,
)
from portal.notices.services import notify
from portal.timeutil import utcnow


def clarify(item: Item, by: User, *, title: str = "", details: str = "", words: str = "") -> None:
    """Staff rewrite a concern or reply in easy read. The first words the author wrote are kept."""
    lock_item(item)
    before = item_text(item)
    if isinstance(item, Concern):
        if item.clarified_at is None:
            item.original_title, item.original_details = item.title, item.details
        item.title, item.details = title, details or None
    else:
        if item.clarified_at is None:
            item.original_words = item.words
        item.words = words
    item.clarified_at = utcnow()
    write_log(by, "clarified", item_kind(item), item.id, before=before, after=item_text(item))
    if item.author_id != by.id:
        notify(item.author_id, "moderation_clarified", link=item_link(item), title=item_title(item))
    db.session.flush()


def _lock_person(user_id: int) -> None:
    db.session.execute(
        sa.update(User)
        .where(User.id == user_id)
        .values(id=User.id)
        .execution_options(synchronize_session=False)
    )


def suspend_posting(person: User, by: User, reason: str) -> bool:
    """Stop a member posting (raising, supporting, replying). False when already suspended."""
    _lock_person(person.id)
    if get_suspension(person.id) is not None:
        return False
    db.session.add(Suspension(user_id=person.id, reason=reason, moderator_id=by.id))
    write_log(by, "suspended", "person", person.id, reason=reason)
    notify(
        person.id,
        "moderation_posting_suspended",
        link=url_for("concerns.my_concerns"),
        reason=reason,
    )
    db.session.flush()
    return True


def restore_posting(person: User, by: User) -> bool:
    """Let a member post again. False when they were not suspended."""
    _lock_person(person.id)
    suspension = get_suspension(person.id)
    if suspension is None:
        return False
    db.session.delete(suspension)
    write_log(by, "unsuspended", "person", person.id, before=suspension.reason)
    notify(person.id, "moderation_posting_restored", link=url_for("concerns.list_boards"))
    db.session.flush()
    return True


__all__ = ["Reply", "clarify", "restore_posting", "suspend_posting"]
