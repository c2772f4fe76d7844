"""A cancelled session, or one that is over, keeps every answer as it was.

The page offers no buttons then; these tests send the forms anyway (an old tab, a double tap
after staff cancelled), to the views and to the services.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.sessions.services import SessionClosed, say_coming, say_not_coming, set_help_needs
from portal.timeutil import utcnow
from tests import factories
from tests.conftest import htmx_headers
from tests.factories import book, create_session, create_user

CANCELLED = "This session is cancelled. You cannot change your answer now."
COMES_BACK = "If it comes back on, you can change it then."
OVER = "This session is over. You cannot change your answer now."


def _booking(session_id: int, user_id: int) -> tuple[BookingStatus, list[str], str] | None:
    with factories.APP.app_context():
        booking = db.session.scalar(
            sa.select(Booking).where(Booking.session_id == session_id, Booking.user_id == user_id)
        )
        return booking and (booking.status, booking.help_needs, booking.help_other)


def _cancelled_with_answers(client_as, users_by_role):
    """A full session (1 place): the member is going and someone else is waiting."""
    session = create_session(title="Called off", places=1)
    book(session.id, users_by_role["member"].id, help_needs=["easy_read"])
    waiting = create_user("member", username="waiting")
    book(session.id, waiting.id)
    client_as("staff").post_form(f"/sessions/{session.id}/cancel", {})
    return session, waiting


def _move_into_the_past(session_id: int) -> None:
    with factories.APP.app_context():
        session = db.session.get(TrainingSession, session_id)
        session.start_at = utcnow() - timedelta(days=2)
        session.end_at = session.start_at + timedelta(hours=3)
        db.session.commit()


def test_cant_come_on_a_cancelled_session_changes_nothing(client_as, users_by_role):
    session, waiting = _cancelled_with_answers(client_as, users_by_role)
    member = users_by_role["member"]
    client = client_as("member")
    response = client.post_form(f"/sessions/{session.id}/coming", {"coming": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "<html" in page and f"{CANCELLED} {COMES_BACK}" in page
    assert 'class="message message-error"' in page
    assert "This session is cancelled" in page  # the page shows the session as it is
    assert 'id="coming-button"' not in page
    assert _booking(session.id, member.id) == (BookingStatus.GOING, ["easy_read"], "")
    assert _booking(session.id, waiting.id)[0] == BookingStatus.WAITING


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("coming", {"coming": "0"}),
        ("coming", {"coming": "1", "help_needs": "wheelchair"}),
        ("help", {"help_needs": "wheelchair", "help_other": "A quiet room"}),
    ],
)
def test_with_htmx_the_panel_says_why_and_nothing_changes(client_as, users_by_role, url, data):
    session, _ = _cancelled_with_answers(client_as, users_by_role)
    response = client_as("member").post_form(
        f"/sessions/{session.id}/{url}", data, headers=htmx_headers()
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200  # htmx swaps it in; a 4xx would be dropped
    assert "<html" not in body and "HX-Request" in response.headers["Vary"]
    assert body.strip().startswith('<section class="card coming-panel" id="coming-panel"')
    # The words go to the status region, which screen readers read out.
    assert '<div id="coming-status" hx-swap-oob="innerHTML"><p class="message message-error">' in (
        body
    )
    assert f"{CANCELLED} {COMES_BACK}" in body
    assert _booking(session.id, users_by_role["member"].id) == (
        BookingStatus.GOING,
        ["easy_read"],
        "",
    )


def test_someone_with_no_answer_cannot_say_they_are_coming(client_as, users_by_role):
    session, _ = _cancelled_with_answers(client_as, users_by_role)
    client = client_as("co_trainer")
    response = client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    assert response.status_code == 409 and CANCELLED in response.get_data(as_text=True)
    assert _booking(session.id, users_by_role["co_trainer"].id) is None


def test_after_it_is_over_answers_stay_as_they_were(client_as, users_by_role):
    session = create_session(title="Last week")
    member = users_by_role["member"]
    book(session.id, member.id, help_needs=["easy_read"])
    _move_into_the_past(session.id)
    client = client_as("member")
    for url, data in (("coming", {"coming": "0"}), ("help", {"help_needs": "wheelchair"})):
        response = client.post_form(f"/sessions/{session.id}/{url}", data)
        page = response.get_data(as_text=True)
        assert response.status_code == 409 and OVER in page and COMES_BACK not in page
    assert _booking(session.id, member.id) == (BookingStatus.GOING, ["easy_read"], "")


def test_when_it_is_back_on_answers_can_change_again(client_as, users_by_role):
    session, waiting = _cancelled_with_answers(client_as, users_by_role)
    client_as("staff").post_form(f"/sessions/{session.id}/back-on", {})
    client = client_as("member")
    response = client.post_form(f"/sessions/{session.id}/coming", {"coming": "0"})
    assert response.status_code == 302
    assert _booking(session.id, users_by_role["member"].id)[0] == BookingStatus.LEFT
    assert _booking(session.id, waiting.id)[0] == BookingStatus.GOING


def test_the_services_refuse_too(app, users_by_role):
    """Whatever calls them, not only the pages. A cancel made after the session was read counts:
    the services read it again, holding the session's lock."""
    session = create_session(title="Called off")
    member_id = users_by_role["member"].id
    book(session.id, member_id, help_needs=["easy_read"])
    with app.test_request_context():
        training = db.session.get(TrainingSession, session.id)
        member = db.session.get(type(users_by_role["member"]), member_id)
        booking = db.session.scalars(
            sa.select(Booking).where(Booking.session_id == session.id, Booking.user_id == member_id)
        ).one()
        assert not training.is_cancelled
        with db.engine.begin() as connection:  # staff cancel it, from another request
            connection.execute(
                sa.update(TrainingSession)
                .where(TrainingSession.id == session.id)
                .values(cancelled_at=utcnow())
            )
        for change in (
            lambda: say_not_coming(training, member),
            lambda: say_coming(training, member, help_needs=["wheelchair"]),
            lambda: set_help_needs(booking, ["wheelchair"], ""),
        ):
            with pytest.raises(SessionClosed):
                change()
        db.session.rollback()
    assert _booking(session.id, member_id) == (BookingStatus.GOING, ["easy_read"], "")
