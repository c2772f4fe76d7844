"""The notice a person gets when staff make their account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

register(
    NoticeKind(
        "account_welcome",
        "welcome",
        _l("Welcome to the portal. Staff made an account for you."),
    )
)
