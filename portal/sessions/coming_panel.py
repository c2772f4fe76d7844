"""The "Are you coming?" panel of a session page, as plain values.

Most people open a session page to say they are coming, so the panel is the part drawn for
every one of them. It is drawn once for each set of these values and kept (portal/fragments.py):
the macro that draws it (templates/sessions/_coming_panel.html) is imported without the page's
context, so it can show nothing but what is here, and the key cannot miss a change. Its forms'
CSRF token is put back in for each request.
"""

from __future__ import annotations

from typing import NamedTuple

from portal.sessions.places import Places


class ComingPanel(NamedTuple):
    session_id: int
    closed: bool  # cancelled or over: no answer can be given or changed
    status: str | None  # "going", "waiting", "left", or None (never answered)
    left: int  # places left
    waiting_position: int | None
    help_needs: tuple[str, ...]
    help_other: str


def coming_panel(session, places: Places, *, is_over: bool) -> ComingPanel:
    booking = places.booking
    return ComingPanel(
        session_id=session.id,
        closed=bool(session.is_cancelled or is_over),
        status=places.status.value if places.status else None,
        left=places.left,
        waiting_position=places.waiting_position,
        help_needs=tuple(booking.help_needs or ()) if booking else (),
        help_other=(booking.help_other or "") if booking else "",
    )
