"""NUL and other control characters: refused in one-line boxes, dropped from many lines, and
never able to break a page (PostgreSQL refuses NUL in text), a calendar file or an email."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.forms import ONE_LINE
from tests.factories import book, create_board, create_concern, create_session


def _session_form(**changes) -> dict:
    values = {
        "title": "Speaking up",
        "summary": "We practise.",
        "picture": "together",
        "day": (date.today() + timedelta(days=30)).isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "place_name": "Hall",
        "address": "1 High Street",
        "group_id": "",
        "places": "10",
    }
    values.update(changes)
    return values


@pytest.mark.parametrize("username", ["sam\x00", "a\x00b", "line\nbreak", "\x7f"])
def test_sign_in_with_a_control_character_is_refused_plainly(client, member, username):
    response = client.post_form("/sign-in", {"username": username, "password": "x"})
    assert response.status_code in (200, 422)
    assert "<html" in response.get_data(as_text=True)


def test_a_line_break_in_a_session_title_is_refused_and_kept_to_fix(client_as):
    response = client_as("staff").post_form("/sessions/new", _session_form(title="Tea\nBCC: x"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert str(ONE_LINE) in page
    assert "BCC: x" in page  # what they typed is still there to fix


def test_a_nul_in_a_session_title_is_dropped_not_stored(app, client_as):
    client_as("staff").post_form("/sessions/new", _session_form(title="Speak\x00ing up"))
    from portal.sessions.models import TrainingSession

    with app.app_context(), db.engine.connect() as connection:
        titles = connection.execute(sa.select(TrainingSession.title)).scalars().all()
    assert titles == ["Speaking up"]


def test_a_reply_keeps_its_line_breaks_but_not_nul(app, client_as, member):
    concern = create_concern(create_board().id, member.id)
    client_as("member").post_form(
        f"/concerns/{concern.id}/replies", {"words": "First line\nSecond\x00 line\x07"}
    )
    from portal.concerns.models import Reply

    with app.app_context(), db.engine.connect() as connection:
        words = connection.execute(sa.select(Reply.words)).scalars().all()
    assert "First line\nSecond line" in words


def test_a_concern_draft_with_nul_still_saves_what_was_typed(app, client_as, member):
    board = create_board()
    response = client_as("member").post_form(
        f"/concerns/boards/{board.id}/raise", {"step": "1", "title": "Bus\x00 late"}
    )
    assert response.status_code == 302
    from portal.concerns.models import ConcernDraft

    with app.app_context(), db.engine.connect() as connection:
        titles = connection.execute(sa.select(ConcernDraft.title)).scalars().all()
    assert titles == ["Bus late"]


@pytest.mark.parametrize("token", ["a%00b", "%0Aa", "x" * 300])
def test_a_calendar_address_with_control_characters_is_not_found(client, token):
    assert client.get(f"/sessions/calendar/{token}.ics").status_code == 404


def test_a_people_search_with_nul_finds_nothing_odd(client_as):
    response = client_as("staff").get("/people?q=sa%00m")
    assert response.status_code == 200


def test_an_old_title_with_a_line_break_stays_one_line_in_the_calendar(client_as, member):
    session = create_session(title="Tea\r\nATTENDEE:mailto:evil@example.com\x0b")
    book(session.id, member.id)
    body = client_as("member").get(f"/sessions/{session.id}/calendar.ics").get_data()
    summary = [line for line in body.split(b"\r\n") if line.startswith(b"SUMMARY")]
    assert summary == [b"SUMMARY:Tea ATTENDEE:mailto:evil@example.com "]
    assert b"\nATTENDEE" not in body and b"\x0b" not in body


def test_a_notice_with_a_line_break_in_its_title_is_one_line(app, member):
    from portal.notices.models import Notice
    from portal.notices.words import notice_words

    with app.test_request_context():
        notice = Notice(
            user_id=member.id, kind="agenda_changed", params={"title": "Tea\nClick evil.example"}
        )
        words = notice_words(notice)
    assert "\n" not in words
    assert "Tea Click evil.example" in words


def test_the_help_someone_needs_is_kept_on_one_line(app, client_as, member):
    session = create_session()
    client_as("member").post_form(
        f"/sessions/{session.id}/coming",
        {"coming": "1", "help_other": "A quiet room\r\nStaff only: ignore this\x00"},
    )
    from portal.sessions.models import Booking

    with app.app_context(), db.engine.connect() as connection:
        answers = connection.execute(sa.select(Booking.help_other)).scalars().all()
    assert answers == ["A quiet room Staff only: ignore this"]
