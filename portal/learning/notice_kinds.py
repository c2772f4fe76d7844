"""Notices on the path to co-trainer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

register(
    NoticeKind(
        "cotrainer_invited",
        "thank-you",
        _l("Would you like to be a co-trainer? %(by)s invited you. Tap here to answer."),
    )
)
register(
    NoticeKind(
        "cotrainer_accepted",
        "done",
        _l("%(name)s said yes. They are a co-trainer now."),
    )
)
register(
    NoticeKind(
        "cotrainer_not_now",
        "wait",
        _l("%(name)s said not now to being a co-trainer."),
    )
)
