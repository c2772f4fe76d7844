""" "The time has changed" on a session: shown to each person until they have seen the session's
page since the change, and never once the session has happened."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.sessions.models import SessionSeen, TrainingSession
from tests import factories
from tests.conftest import PortalClient
from tests.factories import book, create_session, create_user
from tests.sessions.test_staff_pages import _form

CHANGED = "The time has changed"


def _card(page: str, session_id: int) -> str:
    """The words of one session's card on a list page."""
    found = re.search(
        rf'<li class="card session-card[^"]*" id="session-{session_id}">.*?</li>', page, re.S
    )
    assert found, f"no card for session {session_id}"
    return found.group(0)


def _move(client, session_id: int, days: int):
    day = (date.today() + timedelta(days=days)).isoformat()
    response = client.post_form(f"/sessions/{session_id}/edit", _form(title="Intro", day=day))
    assert response.status_code == 302
    return response


def _seen_rows() -> int:
    with factories.APP.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(SessionSeen))


def test_shown_to_each_person_until_they_open_the_session(client_as, users_by_role):
    session = create_session(title="Intro")
    other = create_session(title="Not moved")
    book(session.id, users_by_role["member"].id)
    staff = client_as("staff")
    member = client_as("member")
    assert CHANGED not in member.get("/sessions").get_data(as_text=True)
    moved = _move(staff, session.id, days=20)

    # The person who moved it sees the new time straight away, once.
    assert CHANGED in staff.get(moved.location).get_data(as_text=True)
    assert CHANGED not in staff.get("/sessions").get_data(as_text=True)

    whats_on = member.get("/sessions").get_data(as_text=True)
    assert CHANGED in _card(whats_on, session.id)
    assert CHANGED not in _card(whats_on, other.id)
    assert CHANGED in _card(member.get("/sessions/mine").get_data(as_text=True), session.id)
    assert CHANGED in member.get(f"/sessions/{session.id}").get_data(as_text=True)
    # Seen: it leaves the cards and the page.
    assert CHANGED not in member.get("/sessions").get_data(as_text=True)
    assert CHANGED not in member.get("/sessions/mine").get_data(as_text=True)
    assert CHANGED not in member.get(f"/sessions/{session.id}").get_data(as_text=True)

    # Someone who has not looked still sees it.
    newcomer = create_user("member", username="newcomer")
    factories.APP.test_client_class = PortalClient
    them = factories.APP.test_client()
    them.sign_in_as(newcomer)
    assert CHANGED in _card(them.get("/sessions").get_data(as_text=True), session.id)

    # Moved again: everyone is told again, until they look again.
    _move(staff, session.id, days=21)
    assert CHANGED in _card(member.get("/sessions").get_data(as_text=True), session.id)
    assert CHANGED in member.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert CHANGED not in member.get("/sessions").get_data(as_text=True)


def test_not_shown_once_the_session_has_happened_or_is_cancelled(client_as, users_by_role):
    happened = create_session(title="Last week", starts_in=timedelta(days=-7))
    cancelled = create_session(title="Called off")
    with factories.APP.app_context():
        for session_id in (happened.id, cancelled.id):
            db.session.get(TrainingSession, session_id).time_changed_at = happened.created_at
        db.session.get(TrainingSession, cancelled.id).cancelled_at = happened.created_at
        db.session.commit()
    member = client_as("member")
    past = member.get("/sessions/past").get_data(as_text=True)
    assert "Last week" in past and CHANGED not in past
    assert CHANGED not in member.get(f"/sessions/{happened.id}").get_data(as_text=True)
    whats_on = member.get("/sessions").get_data(as_text=True)
    assert "This session is cancelled" in _card(whats_on, cancelled.id)
    assert CHANGED not in whats_on
    assert _seen_rows() == 0  # nothing to remember, so nothing written


def test_opening_a_session_that_never_moved_writes_nothing(client_as, users_by_role):
    session = create_session(title="Intro")
    client = client_as("member")
    assert CHANGED not in client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert _seen_rows() == 0
