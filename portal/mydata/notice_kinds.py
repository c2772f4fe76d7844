"""Notices about removing accounts: staff hear when someone asks."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

register(
    NoticeKind(
        "removal_asked",
        "stop",
        _l("%(name)s asked us to remove their account. Talk to them first."),
    )
)
