"""Members: what's on, a session page, "I'm coming", help needs, waiting list, calendars."""

from __future__ import annotations

from datetime import timedelta

import icalendar

from portal.notices.models import Notice
from portal.sessions.models import Booking, BookingStatus
from tests import factories
from tests.conftest import htmx_headers
from tests.factories import book, create_group, create_session, create_user


def _booking(session_id: int, user_id: int) -> Booking | None:
    import sqlalchemy as sa

    from portal.extensions import db

    with factories.APP.app_context():
        return db.session.scalar(
            sa.select(Booking).where(Booking.session_id == session_id, Booking.user_id == user_id)
        )


def test_whats_on_lists_upcoming_sessions_soonest_first(client_as, users_by_role):
    create_session(title="Later one", starts_in=timedelta(days=9))
    create_session(title="Sooner one", starts_in=timedelta(days=2))
    create_session(title="Long gone", starts_in=timedelta(days=-5))
    page = client_as("member").get("/sessions").get_data(as_text=True)
    assert page.index("Sooner one") < page.index("Later one")
    assert "Long gone" not in page
    past = client_as("member").get("/sessions/past").get_data(as_text=True)
    assert "Long gone" in past and "Sooner one" not in past


def test_card_says_day_time_place_and_you_are_going(client_as, users_by_role):
    session = create_session(title="Intro")
    book(session.id, users_by_role["member"].id)
    page = client_as("member").get("/sessions").get_data(as_text=True)
    assert "Community Hall" in page
    assert "You are going" in page
    assert " to " in page  # "10am to 1pm"
    assert "You are going" not in client_as("staff").get("/sessions").get_data(as_text=True)


def test_group_sessions_are_hidden_from_people_outside_the_group(client_as, users_by_role):
    member = users_by_role["member"]
    insider = create_user("member", username="insider")
    group = create_group("Newport members", [insider])
    secret = create_session(title="Newport only", group_id=group.id)
    client = client_as("member")
    assert "Newport only" not in client.get("/sessions").get_data(as_text=True)
    assert client.get(f"/sessions/{secret.id}").status_code == 404
    assert client.get(f"/sessions/{secret.id}/calendar.ics").status_code == 404
    assert client.post_form(f"/sessions/{secret.id}/coming", {"coming": "1"}).status_code == 404
    assert _booking(secret.id, member.id) is None
    # Staff see everything; a member of the group does too.
    assert "Newport only" in client_as("staff").get("/sessions").get_data(as_text=True)
    from tests.conftest import PortalClient

    factories.APP.test_client_class = PortalClient
    inside = factories.APP.test_client()
    inside.sign_in_as(insider)
    assert inside.get(f"/sessions/{secret.id}").status_code == 200


def test_session_page_shows_everything_and_a_place_for_the_agenda(client_as, users_by_role):
    session = create_session(title="Intro", trainers=[users_by_role["co_trainer"]], places=12)
    page = client_as("member").get(f"/sessions/{session.id}").get_data(as_text=True)
    for words in (
        "We meet and talk",
        "Everyone can come.",
        "Community Hall",
        "Step-free: no steps to get in.",
        "There is no hearing loop.",
        "Alex Rivera",
        "12 places left",
        'id="agenda"',
        'aria-pressed="false"',
    ):
        assert words in page, words
    assert "Who is coming" not in page  # members do not run sessions


def test_im_coming_without_javascript_then_cant_come(client_as, users_by_role):
    member = users_by_role["member"]
    session = create_session(places=5)
    client = client_as("member")
    response = client.post_form(
        f"/sessions/{session.id}/coming",
        {"coming": "1", "help_needs": ["step_free", "companion"], "help_other": ""},
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "You are going. We saved the help you need." in page
    assert "4 places left" in page
    assert 'aria-pressed="true"' in page
    booking = _booking(session.id, member.id)
    assert booking.status == BookingStatus.GOING
    assert booking.help_needs == ["step_free", "companion"]

    client.post_form(f"/sessions/{session.id}/coming", {"coming": "0"})
    assert _booking(session.id, member.id).status == BookingStatus.LEFT
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "5 places left" in page and 'aria-pressed="false"' in page


def test_im_coming_with_htmx_answers_the_panel_only(client_as, users_by_role):
    session = create_session(places=2)
    response = client_as("member").post_form(
        f"/sessions/{session.id}/coming", {"coming": "1"}, headers=htmx_headers()
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<section class="card coming-panel" id="coming-panel"')
    assert "1 place left" in body and "You are going" in body and 'aria-pressed="true"' in body
    assert "HX-Request" in response.headers["Vary"]
    full = client_as("member").get(f"/sessions/{session.id}")
    assert "<html" in full.get_data(as_text=True) and "HX-Request" in full.headers["Vary"]


def test_full_session_offers_the_waiting_list_and_promotes_the_first_in_line(
    client_as, users_by_role
):
    session = create_session(title="Busy day", places=1)
    first = create_user("member", username="first")
    book(session.id, first.id)
    member = users_by_role["member"]
    later = create_user("member", username="later")
    client = client_as("member")
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "0 places left" in page and "Join the waiting list" in page
    client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    book(session.id, later.id)
    assert _booking(session.id, member.id).status == BookingStatus.WAITING
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "You are number 1 on the waiting list" in page

    # The person going drops out: the first person waiting gets the place, and is told.
    from tests.conftest import PortalClient

    factories.APP.test_client_class = PortalClient
    dropper = factories.APP.test_client()
    dropper.sign_in_as(first)
    dropper.post_form(f"/sessions/{session.id}/coming", {"coming": "0"})
    assert _booking(session.id, member.id).status == BookingStatus.GOING
    assert _booking(session.id, later.id).status == BookingStatus.WAITING
    news = client.get("/whats-new").get_data(as_text=True)
    assert "A place came free. You are going to Busy day now." in news
    with factories.APP.app_context():
        from portal.extensions import db

        assert db.session.query(Notice).filter_by(user_id=later.id).count() == 0


def test_help_needs_are_seen_only_by_staff_and_the_sessions_trainers(client_as, users_by_role):
    runner = users_by_role["co_trainer"]
    other_trainer = create_user("co_trainer", username="other")
    session = create_session(trainers=[runner])
    book(session.id, users_by_role["member"].id, help_needs=["hearing_loop"], help_other="")
    staff_page = client_as("staff").get(f"/sessions/{session.id}/people").get_data(as_text=True)
    assert "Sam Jones" in staff_page and "Hearing loop" in staff_page
    assert client_as("co_trainer").get(f"/sessions/{session.id}/people").status_code == 200
    assert client_as("member").get(f"/sessions/{session.id}/people").status_code == 403
    from tests.conftest import PortalClient

    factories.APP.test_client_class = PortalClient
    outsider = factories.APP.test_client()
    outsider.sign_in_as(other_trainer)
    assert outsider.get(f"/sessions/{session.id}/people").status_code == 403
    assert outsider.get(f"/sessions/{session.id}/people.csv").status_code == 403


def test_changing_help_after_saying_coming(client_as, users_by_role):
    session = create_session()
    member = users_by_role["member"]
    book(session.id, member.id, help_needs=["large_print"])
    client = client_as("member")
    client.post_form(
        f"/sessions/{session.id}/help",
        {"help_needs": ["quiet_space"], "help_other": "I use a wheelchair <b>"},
    )
    booking = _booking(session.id, member.id)
    assert booking.help_needs == ["quiet_space", "other"]
    assert booking.help_other == "I use a wheelchair <b>"
    page = client_as("staff").get(f"/sessions/{session.id}/people").get_data(as_text=True)
    assert "I use a wheelchair &lt;b&gt;" in page


def test_my_sessions_lists_going_and_waiting(client_as, users_by_role):
    member = users_by_role["member"]
    going = create_session(title="Going to this", places=3)
    full = create_session(title="Waiting for this", places=1)
    create_session(title="Not this one")
    book(full.id, create_user("member").id)
    book(going.id, member.id)
    book(full.id, member.id)
    page = client_as("member").get("/sessions/mine").get_data(as_text=True)
    assert "Going to this" in page and "Waiting for this" in page
    assert "Not this one" not in page
    assert "You are on the waiting list" in page


def test_session_calendar_file_has_the_right_local_time(client_as, users_by_role):
    session = create_session(title="Intro")
    response = client_as("member").get(f"/sessions/{session.id}/calendar.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Intro"
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/London"
    assert start.utcoffset() is not None
    from datetime import UTC

    assert start.astimezone(UTC).replace(tzinfo=None) == session.start_at
    assert calendar.walk("VTIMEZONE"), "calendar apps need the time zone"


def test_private_calendar_feed_and_resetting_its_address(client_as, users_by_role):
    import re

    session = create_session(title="In my feed")
    create_session(title="Not in my feed")
    book(session.id, users_by_role["member"].id)
    client = client_as("member")
    page = client.get("/sessions/mine").get_data(as_text=True)
    feed_url = re.search(r'value="(http://[^"]+\.ics)"', page).group(1)
    path = feed_url.split("localhost", 1)[1]
    anonymous = client_as(None)
    feed = anonymous.get(path)
    assert feed.status_code == 200
    titles = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.data).walk("VEVENT")]
    assert titles == ["In my feed"]

    client.post_form("/sessions/calendar/new-address", {})
    assert anonymous.get(path).status_code == 404
    new_page = client.get("/sessions/mine").get_data(as_text=True)
    assert "You have a new calendar address." in new_page or feed_url not in new_page
    assert feed_url not in new_page


def test_cancelled_session_says_so_and_keeps_bookings(client_as, users_by_role):
    member = users_by_role["member"]
    session = create_session(title="Called off")
    book(session.id, member.id, help_needs=["easy_read"])
    staff = client_as("staff")
    assert "Yes, cancel this session" in staff.get(f"/sessions/{session.id}/cancel").get_data(
        as_text=True
    )
    staff.post_form(f"/sessions/{session.id}/cancel", {})
    client = client_as("member")
    assert "This session is cancelled" in client.get("/sessions").get_data(as_text=True)
    page = client.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "This session is cancelled" in page
    booking = _booking(session.id, member.id)
    assert booking.status == BookingStatus.GOING and booking.help_needs == ["easy_read"]
    assert "Called off is cancelled. We are sorry." in client.get("/whats-new").get_data(
        as_text=True
    )
    response = client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    assert response.status_code == 409
    assert "This session is cancelled. You cannot change your answer now." in (
        response.get_data(as_text=True)
    )


def test_past_sessions_cannot_be_joined(client_as, users_by_role):
    session = create_session(starts_in=timedelta(days=-3))
    client = client_as("member")
    client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    assert _booking(session.id, users_by_role["member"].id) is None


def test_whats_on_shows_a_page_at_a_time(client_as, users_by_role):
    for number in range(22):
        create_session(title=f"Session number {number:02d}", starts_in=timedelta(days=number + 1))
    client = client_as("member")
    first = client.get("/sessions").get_data(as_text=True)
    assert "Session number 19" in first and "Session number 20" not in first
    assert "Show more sessions" in first
    second = client.get("/sessions?page=2").get_data(as_text=True)
    assert "Session number 20" in second and "Session number 21" in second
    assert "Session number 19" not in second and "Show more sessions" not in second
    assert client.get("/sessions?page=nonsense").status_code == 200
