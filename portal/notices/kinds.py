"""Every kind of notice, in one place: its picture and its words.

Adding a kind is one entry here. Words are lazy, so each notice is written in the reader's
language when it is shown, not when it is made. Parameters named in the words (for example
%(title)s) come from the `params` given to `notify`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class NoticeKind:
    name: str
    picture: str  # a file in static/pictures/
    words: LazyString
    # Security notices cannot be turned off, by email settings or anything else.
    security: bool = False
    # Turns stored params into the words' params when shown, in the reader's language
    # (for example an ISO time into "10am to 3pm").
    shown_with: Callable[[dict[str, Any]], dict[str, Any]] | None = None


KINDS: dict[str, NoticeKind] = {}


def register(kind: NoticeKind) -> NoticeKind:
    KINDS[kind.name] = kind
    return kind


# --- Accounts ---------------------------------------------------------------------------------
register(
    NoticeKind(
        "account_welcome",
        "welcome",
        _l("Welcome to the portal. Staff made an account for you."),
    )
)

# --- Sessions (issue: sessions) ---------------------------------------------------------------
register(
    NoticeKind(
        "session_place_given",
        "done",
        _l("A place came free. You are going to %(title)s now."),
    )
)
register(
    NoticeKind(
        "session_cancelled",
        "stop",
        _l("%(title)s is cancelled. We are sorry."),
    )
)
register(
    NoticeKind(
        "session_back_on",
        "calendar",
        _l("%(title)s is on again. Tell us if you cannot come now."),
    )
)
register(
    NoticeKind(
        "session_time_changed",
        "clock",
        _l("The time of %(title)s has changed. Have a look at the new time."),
    )
)
register(
    NoticeKind(
        "session_place_changed",
        "place",
        _l("%(title)s has moved. It is at %(place)s now."),
    )
)


def _reminder_words(params: dict[str, Any]) -> dict[str, Any]:
    from flask_babel import gettext

    from portal.timefmt import time_range

    start, end = datetime.fromisoformat(params["start"]), datetime.fromisoformat(params["end"])
    bring = params.get("bring") or ""
    return {
        **params,
        "time": time_range(start, end),
        "bring": gettext("Please bring: %(things)s", things=bring) if bring else "",
    }


register(
    NoticeKind(
        "session_reminder",
        "sessions",
        _l("Reminder: %(title)s is tomorrow, %(time)s, at %(place)s. %(bring)s"),
        shown_with=_reminder_words,
    )
)

# --- Concerns (issue: common concerns) --------------------------------------------------------
register(
    NoticeKind(
        "concern_status_changed",
        "update",
        _l("A concern you care about has a new status: %(title)s"),
    )
)
register(
    NoticeKind(
        "concern_updated",
        "update",
        _l("There is news about a concern you care about: %(title)s"),
    )
)
register(
    NoticeKind(
        "concern_replied",
        "reply",
        _l("%(name)s replied to your concern: %(title)s"),
    )
)


# --- Moderation -------------------------------------------------------------------------------
def _hide_reason(params: dict[str, Any]) -> dict[str, Any]:
    from portal.moderation.labels import hide_reason_words

    return {**params, "reason": hide_reason_words(params.get("reason"))}


_MODERATION_KINDS = [
    (
        "moderation_concern_auto_hidden",
        "wait",
        _l("Some people told staff about your concern %(title)s. It is hidden until staff look."),
    ),
    (
        "moderation_reply_auto_hidden",
        "wait",
        _l("Some people told staff about your reply. It is hidden until staff look."),
    ),
    (
        "moderation_concern_approved",
        "done",
        _l("Staff checked your concern %(title)s. Everyone can see it now."),
    ),
    ("moderation_concern_restored", "done", _l("Your concern %(title)s is back on the board.")),
    ("moderation_reply_restored", "done", _l("Your reply on %(title)s is back.")),
    (
        "moderation_concern_locked",
        "lock",
        _l("Staff locked %(title)s. Nobody can support it or reply now."),
    ),
    (
        "moderation_concern_unlocked",
        "done",
        _l("Staff unlocked %(title)s. People can support it and reply again."),
    ),
    ("moderation_concern_closed", "status-closed", _l("Staff closed %(title)s. Why: %(outcome)s")),
    (
        "moderation_concern_merged",
        "merge",
        _l("Your concern is now part of %(title)s. Your support moved too."),
    ),
    (
        "moderation_support_merged",
        "merge",
        _l("%(old)s is now part of %(title)s. Your support moved too."),
    ),
    (
        "moderation_concern_unmerged",
        "merge",
        _l("Your concern %(old)s is on its own again. Your support is back on it."),
    ),
    (
        "moderation_support_unmerged",
        "merge",
        _l("%(old)s is on its own again. Your support is back on it."),
    ),
]
_MODERATION_KINDS += [
    (
        "moderation_clarified",
        "edit",
        _l("Staff helped make %(title)s easier to read. You can see your own words too."),
    ),
    (
        "moderation_posting_restored",
        "done",
        _l("You can raise, support and reply to concerns again."),
    ),
]
for _name, _picture, _words in _MODERATION_KINDS:
    register(NoticeKind(_name, _picture, _words))
register(
    NoticeKind(
        "moderation_posting_suspended",
        "suspended",
        _l(
            "Staff stopped you posting for now. Why: %(reason)s "
            "You cannot raise, support or reply to concerns for now. "
            "You can still read everything."
        ),
    )
)
register(
    NoticeKind(
        "moderation_concern_hidden",
        "hidden",
        _l("Staff hid your concern %(title)s because %(reason)s. You can talk to staff about it."),
        shown_with=_hide_reason,
    )
)
register(
    NoticeKind(
        "moderation_reply_hidden",
        "hidden",
        _l("Staff hid your reply on %(title)s because %(reason)s. You can talk to staff about it."),
        shown_with=_hide_reason,
    )
)

# --- Agendas ----------------------------------------------------------------------------------
register(
    NoticeKind(
        "agenda_suggestion_accepted",
        "done",
        _l("Your idea %(title)s is on the agenda. They said: %(reply)s"),
    )
)
register(
    NoticeKind(
        "agenda_suggestion_accepted_no_reply",
        "done",
        _l("Your idea %(title)s is on the agenda."),
    )
)
register(
    NoticeKind(
        "agenda_suggestion_declined",
        "agenda",
        _l("Your idea %(title)s is not on the agenda this time. They said: %(reply)s"),
    )
)
register(
    NoticeKind(
        "agenda_published",
        "agenda",
        _l("The plan for %(title)s is ready. Have a look."),
    )
)
register(
    NoticeKind(
        "agenda_changed",
        "agenda",
        _l("The plan for %(title)s has changed. Have a look."),
    )
)

# --- Sign-in and security ---------------------------------------------------------------------
register(
    NoticeKind(
        "sign_in_card_made",
        "sign-in-card",
        _l("Staff made a new sign-in card for you. Ask staff if you did not want one."),
        security=True,
    )
)
register(
    NoticeKind(
        "passkey_added",
        "locked",
        _l("You added a passkey. Ask staff if this was not you."),
        security=True,
    )
)
register(
    NoticeKind(
        "passkey_removed",
        "locked",
        _l("You took away a passkey. Ask staff if this was not you."),
        security=True,
    )
)
