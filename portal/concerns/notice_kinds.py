"""Notices to the people who care about a concern: its status, news and replies."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

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
