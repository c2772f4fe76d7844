"""Putting a cancelled session back on: asked first, only before it starts, people are told."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.notices.models import Notice
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from tests import factories
from tests.conftest import PortalClient
from tests.factories import book, create_session, create_user, fetch

BACK_ON = "Intro is on again. Tell us if you cannot come now."


def _booking(session_id: int, user_id: int) -> Booking:
    with factories.APP.app_context():
        booking = db.session.scalar(
            sa.select(Booking).where(Booking.session_id == session_id, Booking.user_id == user_id)
        )
        db.session.expunge(booking)
        return booking


def _status(session_id: int, user_id: int) -> BookingStatus:
    return _booking(session_id, user_id).status


def _kinds(user_id: int) -> list[str]:
    with factories.APP.app_context():
        return list(
            db.session.scalars(
                sa.select(Notice.kind).where(Notice.user_id == user_id).order_by(Notice.id)
            )
        )


def _client_for(user) -> PortalClient:
    factories.APP.test_client_class = PortalClient
    client = factories.APP.test_client()
    client.sign_in_as(user)
    return client


@pytest.mark.parametrize("role", ["staff", "co_trainer"])
def test_put_back_on_asks_first_tells_people_and_bookings_count_again(
    client_as, users_by_role, role
):
    member = users_by_role["member"]
    still_going = create_user("member", username="dropped")
    waiting = create_user("member", username="waiting")
    session = create_session(title="Intro", places=2, trainers=[users_by_role["co_trainer"]])
    book(session.id, member.id, help_needs=["easy_read"])
    book(session.id, still_going.id)
    book(session.id, waiting.id)
    runner = client_as(role)
    runner.post_form(f"/sessions/{session.id}/cancel", {})
    # While it is cancelled, answers stay as they were: "I can't come" changes nothing.
    refused = _client_for(still_going).post_form(f"/sessions/{session.id}/coming", {"coming": "0"})
    assert refused.status_code == 409
    assert _status(session.id, still_going.id) == BookingStatus.GOING
    # Staff add a place while it is cancelled: nobody gets it yet.
    with factories.APP.app_context():
        db.session.get(TrainingSession, session.id).places = 3
        db.session.commit()
    assert _status(session.id, waiting.id) == BookingStatus.WAITING

    page = runner.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Put the session back on" in page and "Cancel this session" not in page
    ask = runner.get(f"/sessions/{session.id}/back-on").get_data(as_text=True)
    assert "We kept their answers and the help they need." in ask
    assert "Yes, put the session back on" in ask
    assert fetch(TrainingSession, session.id).is_cancelled  # asking changes nothing

    response = runner.post_form(f"/sessions/{session.id}/back-on", {})
    assert response.status_code == 302
    assert response.location == f"/sessions/{session.id}"
    page = runner.get(response.location).get_data(as_text=True)
    assert "The session is back on. We told everyone who was coming." in page
    assert "This session is cancelled" not in page and "Cancel this session" in page
    assert fetch(TrainingSession, session.id).cancelled_at is None

    # The answers cancelling kept count again; the free place goes to the person waiting.
    kept = _booking(session.id, member.id)
    assert (kept.status, kept.help_needs) == (BookingStatus.GOING, ["easy_read"])
    assert _status(session.id, still_going.id) == BookingStatus.GOING
    assert _status(session.id, waiting.id) == BookingStatus.GOING
    assert _kinds(member.id) == ["session_cancelled", "session_back_on"]
    assert _kinds(still_going.id) == ["session_cancelled", "session_back_on"]
    assert _kinds(waiting.id) == ["session_cancelled", "session_back_on", "session_place_given"]

    client = client_as("member")
    assert BACK_ON in client.get("/whats-new").get_data(as_text=True)
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "This session is cancelled" not in page
    assert "0 places left" in page and 'aria-pressed="true"' in page
    calendar = icalendar.Calendar.from_ical(client.get(f"/sessions/{session.id}/calendar.ics").data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CONFIRMED"


@pytest.mark.parametrize("starts_in", [timedelta(hours=-1), timedelta(days=-3)])
def test_too_late_once_the_session_has_started(client_as, users_by_role, starts_in):
    session = create_session(title="Intro", starts_in=starts_in, hours=3)
    staff = client_as("staff")
    staff.post_form(f"/sessions/{session.id}/cancel", {})
    page = staff.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "This session is cancelled" in page
    assert "Put the session back on" not in page
    ask = staff.get(f"/sessions/{session.id}/back-on")
    assert ask.status_code == 200
    assert "It is too late to put it back on." in ask.get_data(as_text=True)
    assert "Yes, put the session back on" not in ask.get_data(as_text=True)
    response = staff.post_form(f"/sessions/{session.id}/back-on", {})
    assert response.status_code == 409
    assert "It is too late to put it back on." in response.get_data(as_text=True)
    assert fetch(TrainingSession, session.id).is_cancelled


def test_a_session_that_is_not_cancelled_stays_as_it_is(client_as, users_by_role):
    session = create_session(title="Intro")
    book(session.id, users_by_role["member"].id)
    staff = client_as("staff")
    assert "Put the session back on" not in staff.get(f"/sessions/{session.id}").get_data(
        as_text=True
    )
    for response in (
        staff.get(f"/sessions/{session.id}/back-on"),
        staff.post_form(f"/sessions/{session.id}/back-on", {}),
    ):
        assert response.status_code == 302
        assert response.location == f"/sessions/{session.id}"
    assert "This session is not cancelled." in staff.get(f"/sessions/{session.id}").get_data(
        as_text=True
    )
    assert _kinds(users_by_role["member"].id) == []


def test_only_staff_and_its_trainers_put_it_back_on(client_as, users_by_role):
    session = create_session(title="Intro")  # the co-trainer does not run this one
    book(session.id, users_by_role["member"].id)
    client_as("staff").post_form(f"/sessions/{session.id}/cancel", {})
    for role in ("member", "co_trainer"):
        client = client_as(role)
        assert client.get(f"/sessions/{session.id}/back-on").status_code == 403
        assert client.post_form(f"/sessions/{session.id}/back-on", {}).status_code == 403
        page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
        assert "Put the session back on" not in page
    assert client_as(None).post_form(f"/sessions/{session.id}/back-on", {}).status_code == 302
    # Without the form's hidden token nothing happens either.
    client_as("staff").post(f"/sessions/{session.id}/back-on", data={})
    assert fetch(TrainingSession, session.id).is_cancelled
    assert _kinds(users_by_role["member"].id) == ["session_cancelled"]
    assert client_as("staff").get("/sessions/999999/back-on").status_code == 404
