"""Who is stopped from posting for now, and the easy-read words that say so.

The rule sits low, with accounts, so concerns, agendas, people and pages can ask it without
reaching up into moderation; moderation keeps the staff actions that stop and allow posting.
Posting is raising a concern, supporting one, replying, changing a reply, sending an idea for
an agenda, and (for staff and co-trainers) giving an update on a concern.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Suspension, User
from portal.accounts.preloaded import preload_row, preloaded
from portal.extensions import db

# Pages with support buttons ask about the signed-in person: it comes with the sign-in.
preload_row("suspension", Suspension)


def get_suspension(user_id: int) -> Suspension | None:
    """Read now, never a copy loaded earlier in the request: moderation asks this after
    locking the person, to stop or allow their posting exactly once."""
    return db.session.get(Suspension, user_id, populate_existing=True)


def posting_refusal(user: User) -> str | None:
    """Why this person may not post now (their suspension reason), or None."""
    suspension = preloaded("suspension", user.id, lambda: get_suspension(user.id))
    return suspension.reason if suspension else None


def posting_stopped() -> str | None:
    """Staff stopped the signed-in person posting for now: the words say why."""
    reason = posting_refusal(current_user)
    if reason is None:
        return None
    return _("Staff stopped you posting for now. Why: %(reason)s", reason=reason)
