"""Notices about sessions: places, cancellations, changes and the day-before reminder."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import NoticeKind, register

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
