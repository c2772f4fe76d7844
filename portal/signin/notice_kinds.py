"""Security notices about ways of signing in: they cannot be turned off."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

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
