"""Every kind of notice, in one place: its picture and its words.

Adding a kind is one entry here. Words are lazy, so each notice is written in the reader's
language when it is shown, not when it is made. Parameters named in the words (for example
%(title)s) come from the `params` given to `notify`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class NoticeKind:
    name: str
    picture: str  # a file in static/pictures/
    words: LazyString
    # Security notices cannot be turned off, by email settings or anything else.
    security: bool = False


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
        "session_time_changed",
        "clock",
        _l("The time of %(title)s has changed. Have a look at the new time."),
    )
)

# --- Concerns (issue: common concerns) --------------------------------------------------------

# --- Moderation -------------------------------------------------------------------------------

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
