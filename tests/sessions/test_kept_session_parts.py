"""A session page's kept parts (portal/fragments.py): the "Are you coming?" panel and what the
page says about the session are drawn from plain values alone, so keeping them by those values
can never show anything stale. These tests hold that every value is drawn, that the macros see
nothing else, and that a change shows at once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import get_template_attribute

from portal.accounts.models import User
from portal.extensions import db
from portal.sessions.coming_panel import ComingPanel
from portal.sessions.details import SessionDetails
from portal.sessions.models import TrainingSession
from tests import factories
from tests.factories import book, create_group, create_session, create_user

DETAILS = SessionDetails(
    session_id=7,
    summary="We talk about buses.",
    group_name=None,
    day="Monday 7 December",
    times="10am to 12 noon",
    place_name="The hall",
    address="1 High Street",
    online_link=None,
    step_free=True,
    hearing_loop=False,
    accessible_toilet=True,
    access_notes=None,
    bring=None,
    trainer_names=("Alex Green",),
)
# Another value for each field, unlike the one above.
OTHER_DETAILS = {
    "session_id": 8,
    "summary": "We talk about trains.",
    "group_name": "Tuesday group",
    "day": "Tuesday 8 December",
    "times": "2pm to 4pm",
    "place_name": "The library",
    "address": "2 Low Road",
    "online_link": "https://meet.example.org/abc",
    "step_free": False,
    "hearing_loop": True,
    "accessible_toilet": False,
    "access_notes": "The lift is at the back.",
    "bring": "A packed lunch",
    "trainer_names": ("Alex Green", "Dev Patel"),
}
PANEL = ComingPanel(
    session_id=7,
    closed=False,
    status=None,
    left=5,
    waiting_position=None,
    help_needs=(),
    help_other="",
)
OTHER_PANEL = {
    "session_id": 8,
    "closed": True,
    "status": "going",
    "left": 4,
    "waiting_position": 2,
    "help_needs": ("step_free",),
    "help_other": "A chair near the door",
}


def _drawn(app, template: str, macro: str, values) -> str:
    with app.test_request_context("/"):
        return str(get_template_attribute(template, macro)(values))


@pytest.mark.parametrize("field", SessionDetails._fields)
def test_every_detail_of_the_session_is_drawn(app, field):
    assert set(OTHER_DETAILS) == set(SessionDetails._fields)
    changed = DETAILS._replace(**{field: OTHER_DETAILS[field]})
    template = "sessions/_session_details.html"
    assert _drawn(app, template, "session_details", changed) != _drawn(
        app, template, "session_details", DETAILS
    )


@pytest.mark.parametrize("field", ComingPanel._fields)
def test_every_value_of_the_coming_panel_is_drawn(app, field):
    assert set(OTHER_PANEL) == set(ComingPanel._fields)
    # A waiting place shows only for someone waiting; help shows only where it is asked.
    start = PANEL._replace(status="waiting") if field == "waiting_position" else PANEL
    changed = start._replace(**{field: OTHER_PANEL[field]})
    template = "sessions/_coming_panel.html"
    assert _drawn(app, template, "coming_panel", changed) != _drawn(
        app, template, "coming_panel", start
    )


def test_the_kept_parts_are_drawn_from_their_values_alone(app):
    """The macros are imported without the page's context: given only their values, they draw
    the same as on the page, so nothing the key leaves out can reach what is kept."""
    with app.test_request_context("/"):
        for template, macro, values in (
            ("sessions/_session_details.html", "session_details", DETAILS),
            ("sessions/_coming_panel.html", "coming_panel", PANEL),
        ):
            source = app.jinja_env.loader.get_source(app.jinja_env, template)[0]
            assert "training" not in source and "places." not in source, template
            assert get_template_attribute(template, macro)(values)


def _change(session_id: int, **values) -> None:
    with factories.APP.app_context():
        db.session.execute(
            sa.update(TrainingSession).where(TrainingSession.id == session_id).values(**values)
        )
        db.session.commit()


def test_a_changed_session_shows_at_once_on_its_kept_page(client_for, member):
    session = create_session(title="Walk round the park", place_name="The park gate")
    sam = client_for(member)
    url = f"/sessions/{session.id}"
    assert "The park gate" in sam.get(url).text
    _change(session.id, place_name="The cafe", bring="Good shoes", hearing_loop=True)
    page = sam.get(url).text
    assert "The cafe" in page and "The park gate" not in page
    assert "Good shoes" in page
    assert "There is a hearing loop." in page


def test_a_new_trainer_and_group_show_at_once(client_for, staff, member):
    group = create_group("Tuesday group", members=[member])
    session = create_session(title="Walk round the park", group_id=group.id)
    sam = client_for(member)
    url = f"/sessions/{session.id}"
    assert "Staff from the portal." in sam.get(url).text
    trainer = create_user("co_trainer", username="alex2", display_name="Alex Green")
    with factories.APP.app_context():
        training = db.session.get(TrainingSession, session.id)
        training.trainers.append(db.session.get(User, trainer.id))
        db.session.commit()
    page = sam.get(url).text
    assert "Alex Green" in page and "Staff from the portal." not in page
    assert "Members of the group Tuesday group." in page


def test_the_places_left_show_at_once_for_everyone(client_for, member):
    session = create_session(title="Walk round the park", places=3)
    kim = create_user("member", username="kim", display_name="Kim Lee")
    sam, kims = client_for(member), client_for(kim)
    url = f"/sessions/{session.id}"
    assert "3 places left" in kims.get(url).text
    book(session.id, member.id)
    kims_page, sams_page = kims.get(url).text, sam.get(url).text
    assert "2 places left" in kims_page and "You are going" not in kims_page
    assert "2 places left" in sams_page and "You are going" in sams_page


def test_the_kept_panel_holds_each_readers_own_token(client_for, member):
    session = create_session(title="Walk round the park")
    kim = create_user("member", username="kim", display_name="Kim Lee")
    url = f"/sessions/{session.id}"
    client_for(member).get(url)  # Sam's page first: the panel is kept from it
    kims = client_for(kim)
    tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', kims.get(url).text))
    assert len(tokens) == 1
    answer = kims.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    assert answer.status_code in (200, 302)
    assert "You are going" in kims.get(url).text


def test_a_cancelled_session_closes_the_kept_panel_at_once(client_for, member):
    session = create_session(title="Walk round the park")
    sam = client_for(member)
    url = f"/sessions/{session.id}"
    assert "I'm coming" in sam.get(url).text
    _change(session.id, cancelled_at=sa.func.now())
    page = sam.get(url).text
    assert "This session is over or cancelled." in page
    assert "I&#39;m coming" not in page and "I'm coming" not in page


def test_whats_on_reads_its_sessions_and_the_readers_answers_in_one_query(app, member):
    from portal.sessions.queries import list_sessions

    going = create_session(title="Going one", starts_in=timedelta(days=2))
    full = create_session(title="Full one", starts_in=timedelta(days=3), places=0)
    create_session(title="Open one", starts_in=timedelta(days=4))
    book(going.id, member.id)
    book(full.id, member.id)  # no place left: the waiting list
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)

    with app.test_request_context("/sessions"):
        reader = db.session.get(User, member.id)
        sa.event.listen(db.engine, "before_cursor_execute", note)
        try:
            cards, more = list_sessions(reader)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", note)
    assert len(statements) == 1, statements
    assert [(card.session.title, card.status) for card in cards] == [
        ("Going one", "going"),
        ("Full one", "waiting"),
        ("Open one", None),
    ]
    assert not more


def test_the_kept_list_of_sessions_shows_a_new_one_at_once(client_for, member):
    create_session(title="Walk round the park", starts_in=timedelta(days=2))
    sam = client_for(member)
    assert "Walk round the park" in sam.get("/sessions").text
    create_session(title="Trip to the museum", starts_in=timedelta(days=3))
    page = sam.get("/sessions").text
    assert "Walk round the park" in page and "Trip to the museum" in page
    assert page.index("Walk round the park") < page.index("Trip to the museum")
