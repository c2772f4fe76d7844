"""Which answers the phone may keep for reading with no signal, decided here on the server.

The service worker keeps a page only when its answer says `X-Offline-Keep: 1` and carries the
same person key (`X-Offline-Person`) as the pages it already holds. Only the pages a member
needs when the signal goes are ever marked: My sessions, the sessions they are going to (with
the agenda, when it is published), What's new, My concerns, Help and the offline page. Staff
pages, other people's pages and htmx pieces are never marked, so they are never kept.

Every HTML answer stays `Cache-Control: no-store` (portal/security.py): the browser's own
cache keeps nothing. The worker's copies live in the Cache API, belong to one person and go
when that person signs out or someone else signs in.
"""

from __future__ import annotations

from flask import Response, g, request
from flask_login import current_user

from portal.htmx import is_fragment_request
from portal.offline import bp
from portal.offline.person import NOBODY, person_key
from portal.sessions.queries import ANSWERED, soonest_own_session_ids
from portal.timeutil import utcnow

KEPT_PAGES = frozenset(
    {
        "sessions.list_mine",
        "sessions.show_session",
        "notices.list_own_notices",
        "concerns.my_concerns",
        "pages.help_page",
        "offline.offline_page",
    }
)
MOST_SESSIONS = 12


def own_session_ids() -> list[int]:
    """The sessions this person is going to or waiting for, soonest first."""
    return soonest_own_session_ids(current_user, MOST_SESSIONS)


def may_keep(response: Response, key: str | None) -> bool:
    if key is None or request.method != "GET" or response.status_code != 200:
        return False
    if request.endpoint not in KEPT_PAGES or is_fragment_request():
        return False
    if request.endpoint == "sessions.show_session":
        session_id = (request.view_args or {}).get("session_id")
        shown = g.get("session_page_answer")
        if shown is not None and shown[0] == session_id:
            # The session page read all this with its places (sessions.places.places_for).
            _, answer, end_at, sooner = shown
            return answer in ANSWERED and end_at >= utcnow() and sooner < MOST_SESSIONS
        return session_id in own_session_ids()
    return True


@bp.after_app_request
def mark_what_may_be_kept(response: Response) -> Response:
    if request.endpoint == "static" or response.mimetype != "text/html":
        return response
    key = person_key()
    response.headers["X-Offline-Person"] = key or NOBODY
    if may_keep(response, key):
        response.headers["X-Offline-Keep"] = "1"
    return response
