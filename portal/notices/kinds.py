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

# --- Concerns (issue: common concerns) --------------------------------------------------------

# --- Moderation -------------------------------------------------------------------------------

# --- Agendas ----------------------------------------------------------------------------------

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
