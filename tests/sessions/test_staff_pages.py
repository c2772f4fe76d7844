"""Staff and co-trainers: add, change, copy and cancel sessions; who is coming; bad input."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.sessions.models import BookingStatus, TrainingSession
from portal.timeutil import utcnow
from tests import factories
from tests.factories import book, create_group, create_session, create_user, fetch


def _form(**changes) -> dict:
    day = date.today() + timedelta(days=30)
    data = {
        "title": "Train the trainers",
        "summary": "Learn how to run a session.",
        "picture": "together",
        "day": day.isoformat(),
        "start_time": "10:00",
        "end_time": "15:00",
        "place_name": "Newport Library",
        "address": "John Frost Square",
        "step_free": "y",
        "access_notes": "",
        "online_link": "",
        "group_id": "",
        "places": "12",
    }
    data.update(changes)
    return data


def _only_session() -> TrainingSession:
    with factories.APP.app_context():
        session = db.session.scalar(sa.select(TrainingSession))
        db.session.expunge(session)
        return session


def test_staff_add_a_session_stored_in_utc_shown_in_london_time(client_as, users_by_role):
    client = client_as("staff")
    july = date(date.today().year + 1, 7, 1)
    response = client.post_form(
        "/sessions/new", _form(day=july.isoformat(), trainers=[users_by_role["co_trainer"].id])
    )
    assert response.status_code == 302
    session = _only_session()
    # 10am in London in summer is 9am UTC.
    assert (session.start_at.hour, session.end_at.hour) == (9, 14)
    page = client.get(response.location).get_data(as_text=True)
    assert "10am to 3pm" in page
    assert "Alex Rivera" in page
    assert "The session is ready." in page


def test_co_trainer_who_adds_a_session_runs_it(client_as, users_by_role):
    client = client_as("co_trainer")
    response = client.post_form("/sessions/new", _form())
    assert response.status_code == 302
    session_id = _only_session().id
    assert client.get(f"/sessions/{session_id}/people").status_code == 200
    assert client.get(f"/sessions/{session_id}/edit").status_code == 200


def test_bad_input_says_what_to_do_and_keeps_what_was_typed(client_as, users_by_role):
    client = client_as("staff")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = client.post_form(
        "/sessions/new",
        _form(title="  ", day=yesterday, places="0", summary="Keep these words"),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Type a name for the session." in page
    assert "This time has gone. Choose a day in the future." in page
    assert "Type a number of places: 1 or more." in page
    assert "Keep these words" in page
    assert f'value="{yesterday}"' in page
    assert 'value="Newport Library"' in page
    assert _count_sessions() == 0

    page = client.post_form(
        "/sessions/new", _form(start_time="15:00", end_time="10:00", places="-3")
    ).get_data(as_text=True)
    assert "The end must be after the start." in page
    assert "Type a number of places: 1 or more." in page
    assert 'value="-3"' in page

    page = client.post_form(
        "/sessions/new", _form(places="lots", online_link="zoom meeting", day="")
    ).get_data(as_text=True)
    assert page.count("Type a number of places: 1 or more.") == 1
    assert 'value="lots"' in page
    assert "Type the whole link." in page
    assert "Choose the day." in page
    assert "Not a valid" not in page
    assert _count_sessions() == 0


def _count_sessions() -> int:
    with factories.APP.app_context():
        return db.session.scalar(sa.select(sa.func.count(TrainingSession.id)))


def test_changing_the_time_tells_people_and_says_so(client_as, users_by_role):
    session = create_session(title="Intro")
    book(session.id, users_by_role["member"].id)
    client = client_as("staff")
    form = client.get(f"/sessions/{session.id}/edit").get_data(as_text=True)
    assert 'value="Intro"' in form
    day = (date.today() + timedelta(days=20)).isoformat()
    response = client.post_form(f"/sessions/{session.id}/edit", _form(title="Intro", day=day))
    assert response.status_code == 302
    member = client_as("member")
    assert "The time has changed" in member.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "The time of Intro has changed." in member.get("/whats-new").get_data(as_text=True)


def test_more_places_give_places_to_people_waiting(client_as, users_by_role):
    session = create_session(title="Busy", places=1)
    book(session.id, create_user("member").id)
    book(session.id, users_by_role["member"].id)
    client = client_as("staff")
    client.post_form(f"/sessions/{session.id}/edit", _form(title="Busy", places="2"))
    # The edit kept the day the form gave; only the places matter here.
    with factories.APP.app_context():
        from portal.sessions.models import Booking

        status = db.session.scalar(
            sa.select(Booking.status).where(Booking.user_id == users_by_role["member"].id)
        )
    assert status == BookingStatus.GOING


def test_copy_fills_everything_but_the_day(client_as, users_by_role):
    session = create_session(title="Repeat me", place_name="Old Hall")
    client = client_as("staff")
    page = client.get(f"/sessions/{session.id}/copy").get_data(as_text=True)
    assert 'value="Repeat me"' in page and 'value="Old Hall"' in page
    assert 'id="day" name="day" required type="date" value=""' in page
    response = client.post_form(f"/sessions/{session.id}/copy", _form(title="Repeat me"))
    assert response.status_code == 302
    assert _count_sessions() == 2


def test_only_staff_and_its_trainers_change_a_session(client_as, users_by_role):
    session = create_session()
    assert client_as("co_trainer").get(f"/sessions/{session.id}/edit").status_code == 403
    assert client_as("member").get(f"/sessions/{session.id}/edit").status_code == 403
    response = client_as("co_trainer").post_form(f"/sessions/{session.id}/cancel", {})
    assert response.status_code == 403
    assert fetch(TrainingSession, session.id).cancelled_at is None


def test_attendance_sheet_and_csv(client_as, users_by_role):
    session = create_session(title="Intro", places=1)
    book(session.id, users_by_role["member"].id, help_needs=["companion"])
    sneaky = create_user("member", display_name="=HYPERLINK(1)")
    book(session.id, sneaky.id, help_needs=["other"], help_other="Lift please")
    client = client_as("staff")
    page = client.get(f"/sessions/{session.id}/people").get_data(as_text=True)
    assert page.index("Sam Jones") < page.index("Waiting list") < page.index("=HYPERLINK(1)")
    assert "Someone to come with me" in page and "Lift please" in page
    response = client.get(f"/sessions/{session.id}/people.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Name", "Answer", "Help they need", "Something else"]
    assert rows[1] == ["Sam Jones", "Going", "Someone to come with me", ""]
    assert rows[2] == ["'=HYPERLINK(1)", "Waiting", "Something else", "Lift please"]


def test_group_choice_limits_who_sees_it(client_as, users_by_role):
    group = create_group("Newport members", [users_by_role["co_trainer"]])
    client = client_as("staff")
    client.post_form("/sessions/new", _form(title="Newport only", group_id=str(group.id)))
    assert "Newport only" not in client_as("member").get("/sessions").get_data(as_text=True)
    page = client_as("co_trainer").get("/sessions").get_data(as_text=True)
    assert "Newport only" in page
    assert "For the group <bdi>Newport members</bdi>" in page


@pytest.mark.parametrize("role", ["staff", "co_trainer"])
def test_changing_a_session_to_a_time_that_has_gone_is_refused(client_as, users_by_role, role):
    session = create_session(title="Intro", trainers=[users_by_role["co_trainer"]])
    book(session.id, users_by_role["member"].id)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = client_as(role).post_form(
        f"/sessions/{session.id}/edit",
        _form(title="Intro moved", day=yesterday, summary="Keep these words"),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This time has gone. Choose a day in the future." in page
    assert 'value="Intro moved"' in page and "Keep these words" in page
    assert f'value="{yesterday}"' in page
    stored = fetch(TrainingSession, session.id)
    assert (stored.title, stored.start_at, stored.time_changed_at) == (
        "Intro",
        session.start_at,
        None,
    )
    assert "has changed" not in client_as("member").get("/whats-new").get_data(as_text=True)


def _form_for(session: TrainingSession, **changes) -> dict:
    """The edit form as it is filled in for this session, with some answers changed."""
    from portal.timefmt import to_local

    with factories.APP.app_context():
        start, end = to_local(session.start_at), to_local(session.end_at)
    times = {
        "day": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
    }
    return _form(**{**times, **changes})


def test_a_session_that_happened_keeps_its_time_and_its_words_can_change(client_as, users_by_role):
    # At ten in the morning: run late in the evening, three hours from now would end past
    # midnight, a time the form rightly refuses as "ends before it starts".
    start = (utcnow() - timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    session = create_session(title="Last week", start_at=start, end_at=start + timedelta(hours=3))
    client = client_as("staff")
    assert client.get(f"/sessions/{session.id}/edit").status_code == 200
    response = client.post_form(
        f"/sessions/{session.id}/edit", _form_for(session, title="Last week, with notes")
    )
    assert response.status_code == 302
    stored = fetch(TrainingSession, session.id)
    assert stored.title == "Last week, with notes"
    assert (stored.start_at, stored.time_changed_at) == (session.start_at, None)

    # Moving it to another day that has gone is refused; moving it to the future is not.
    two_weeks_ago = (date.today() - timedelta(days=14)).isoformat()
    response = client.post_form(
        f"/sessions/{session.id}/edit", _form_for(session, day=two_weeks_ago)
    )
    assert response.status_code == 422
    assert "This time has gone." in response.get_data(as_text=True)
    assert fetch(TrainingSession, session.id).start_at == session.start_at
    next_week = (date.today() + timedelta(days=7)).isoformat()
    response = client.post_form(f"/sessions/{session.id}/edit", _form_for(session, day=next_week))
    assert response.status_code == 302
    assert fetch(TrainingSession, session.id).start_at > session.start_at


def test_a_session_going_on_now_can_end_later_but_not_start_earlier(
    client_as, users_by_role, monkeypatch
):
    from datetime import datetime

    # 10am to 1pm on a winter day (London time is UTC then), and it is 11am now.
    start = datetime(date.today().year + 1, 1, 15, 10)
    session = create_session(title="On now", start_at=start, end_at=start + timedelta(hours=3))
    monkeypatch.setattr("portal.sessions.forms.utcnow", lambda: start + timedelta(hours=1))
    client = client_as("staff")
    response = client.post_form(
        f"/sessions/{session.id}/edit", _form_for(session, start_time="10:30")
    )
    assert response.status_code == 422
    assert "This time has gone." in response.get_data(as_text=True)
    response = client.post_form(
        f"/sessions/{session.id}/edit", _form_for(session, end_time="13:30")
    )
    assert response.status_code == 302
    stored = fetch(TrainingSession, session.id)
    assert (stored.start_at, stored.end_at) == (start, start + timedelta(hours=3, minutes=30))


def test_an_unchanged_session_on_the_night_the_clocks_go_back_is_not_moved(
    client_as, users_by_role
):
    from datetime import datetime

    # The last Sunday of October: 1:30am happens twice in London. This is the second one (GMT).
    year = date.today().year + 1
    sunday = max(date(year, 10, day) for day in range(25, 32) if date(year, 10, day).weekday() == 6)
    start = datetime(sunday.year, sunday.month, sunday.day, 1, 30)
    session = create_session(title="Night walk", start_at=start, end_at=start + timedelta(hours=2))
    book(session.id, users_by_role["member"].id)
    client = client_as("staff")
    response = client.post_form(
        f"/sessions/{session.id}/edit", _form_for(session, title="Night walk, with torches")
    )
    assert response.status_code == 302
    stored = fetch(TrainingSession, session.id)
    assert stored.title == "Night walk, with torches"
    assert (stored.start_at, stored.end_at, stored.time_changed_at) == (
        session.start_at,
        session.end_at,
        None,
    )
    assert "has changed" not in client_as("member").get("/whats-new").get_data(as_text=True)

    # Changing the time on that night still moves it.
    response = client.post_form(
        f"/sessions/{session.id}/edit", _form_for(session, start_time="01:00", end_time="03:30")
    )
    assert response.status_code == 302
    assert fetch(TrainingSession, session.id).time_changed_at is not None
