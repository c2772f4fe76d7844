"""Who came: trainers of the session and staff mark people here, one tap each, undo, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.sessions.came import Came
from tests import factories
from tests.conftest import htmx_headers
from tests.factories import book, create_session, create_user


def _marks(session_id: int) -> list[int]:
    with factories.APP.app_context():
        return sorted(
            db.session.scalars(sa.select(Came.user_id).where(Came.session_id == session_id))
        )


def _today_session(co_trainer, **fields):
    return create_session(starts_in=-timedelta(minutes=30), trainers=[co_trainer], **fields)


def test_trainer_marks_here_twice_and_undoes(client_as, co_trainer, member):
    session = _today_session(co_trainer)
    book(session.id, member.id)
    client = client_as("co_trainer")
    page = client.get(f"/sessions/{session.id}/came").get_data(as_text=True)
    assert "Sam Jones" in page and 'name="came" value="yes"' in page
    for _ in range(2):  # a retried tap changes nothing
        response = client.post_form(
            f"/sessions/{session.id}/came", {"person": member.id, "came": "yes"}
        )
        assert response.status_code == 302
    assert _marks(session.id) == [member.id]
    page = client.get(f"/sessions/{session.id}/came").get_data(as_text=True)
    assert 'name="came" value="no"' in page and 'aria-pressed="true"' in page
    client.post_form(f"/sessions/{session.id}/came", {"person": member.id, "came": "no"})
    client.post_form(f"/sessions/{session.id}/came", {"person": member.id, "came": "no"})
    assert _marks(session.id) == []


def test_htmx_tap_answers_the_row(client_as, co_trainer, member):
    session = _today_session(co_trainer)
    book(session.id, member.id)
    client = client_as("co_trainer")
    response = client.post_form(
        f"/sessions/{session.id}/came",
        {"person": member.id, "came": "yes"},
        headers=htmx_headers(),
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.strip().startswith('<li class="came-row is-here" id="came-')
    assert 'value="no"' in body and "<html" not in body


def test_only_trainers_of_that_session_and_staff_may_mark(client_as, co_trainer, member, staff):
    other_trainer = create_user("co_trainer")
    session = create_session(starts_in=-timedelta(minutes=30), trainers=[other_trainer])
    book(session.id, member.id)
    data = {"person": member.id, "came": "yes"}
    assert client_as("member").get(f"/sessions/{session.id}/came").status_code == 403
    assert client_as("co_trainer").get(f"/sessions/{session.id}/came").status_code == 403
    assert client_as("member").post_form(f"/sessions/{session.id}/came", data).status_code == 403
    assert (
        client_as("co_trainer").post_form(f"/sessions/{session.id}/came", data).status_code == 403
    )
    assert client_as("co_trainer").get(f"/sessions/{session.id}/came.csv").status_code == 403
    assert _marks(session.id) == []
    assert client_as("staff").post_form(f"/sessions/{session.id}/came", data).status_code == 302
    assert _marks(session.id) == [member.id]


def test_bad_taps_are_refused_clearly(client_as, co_trainer, member):
    session = _today_session(co_trainer)
    client = client_as("co_trainer")
    url = f"/sessions/{session.id}/came"
    assert client.post_form(url, {"person": member.id, "came": "toggle"}).status_code == 400
    assert client.post_form(url, {"person": "99999999999999", "came": "yes"}).status_code == 400
    assert client.post_form(url, {"person": "1\x00", "came": "yes"}).status_code == 400
    assert client.post_form(url, {"came": "yes"}).status_code == 400
    assert client.post_form(url, {"person": 2_000_000_000, "came": "yes"}).status_code == 404
    closed = create_user("member", active=False)
    assert client.post_form(url, {"person": closed.id, "came": "yes"}).status_code == 404
    assert _marks(session.id) == []


def test_not_before_the_day_and_not_when_cancelled(client_as, co_trainer, member):
    session = create_session(starts_in=timedelta(days=3), trainers=[co_trainer])
    book(session.id, member.id)
    client = client_as("co_trainer")
    page = client.get(f"/sessions/{session.id}/came").get_data(as_text=True)
    assert "from the day of the session" in page and 'value="yes"' not in page
    data = {"person": member.id, "came": "yes"}
    response = client.post_form(f"/sessions/{session.id}/came", data, headers=htmx_headers())
    assert response.status_code == 409
    response = client.post_form(f"/sessions/{session.id}/came", data, follow_redirects=True)
    assert "You can mark who came from the day of the session." in response.get_data(as_text=True)
    assert _marks(session.id) == []
    today = _today_session(co_trainer)
    assert client.post_form(f"/sessions/{today.id}/cancel").status_code == 302
    page = client.get(f"/sessions/{today.id}/came").get_data(as_text=True)
    assert "This session is cancelled." in page
    client.post_form(f"/sessions/{today.id}/came", data)
    assert _marks(today.id) == []


def test_someone_else_came(client_as, co_trainer, member):
    session = _today_session(co_trainer)
    walk_in = create_user("member", display_name="Priya Shah")
    client = client_as("co_trainer")
    page = client.get(f"/sessions/{session.id}/came").get_data(as_text=True)
    assert "Priya Shah" not in page
    found = client.get(f"/sessions/{session.id}/came?name=priya").get_data(as_text=True)
    assert "Priya Shah" in found
    # Wildcards in the search are plain letters.
    assert "Priya Shah" not in client.get(f"/sessions/{session.id}/came?name=%25").get_data(
        as_text=True
    )
    assert client.get(f"/sessions/{session.id}/came?name=pri%00ya").status_code == 200
    client.post_form(f"/sessions/{session.id}/came", {"person": walk_in.id, "came": "yes"})
    page = client.get(f"/sessions/{session.id}/came").get_data(as_text=True)
    assert "Priya Shah" in page and "Did not say they were coming." in page
    assert _marks(session.id) == [walk_in.id]


def test_member_sees_you_came(client_as, co_trainer, member):
    session = _today_session(co_trainer)
    book(session.id, member.id)
    client = client_as("member")
    assert "You came to this session." not in client.get(f"/sessions/{session.id}").get_data(
        as_text=True
    )
    client_as("co_trainer").post_form(
        f"/sessions/{session.id}/came", {"person": member.id, "came": "yes"}
    )
    assert "You came to this session." in client.get(f"/sessions/{session.id}").get_data(
        as_text=True
    )


def test_a_session_moved_to_a_later_day_does_not_say_you_came_until_that_day(
    client_as, co_trainer, member
):
    from portal.sessions.models import TrainingSession
    from portal.timeutil import utcnow

    session = _today_session(co_trainer)
    book(session.id, member.id)
    client_as("co_trainer").post_form(
        f"/sessions/{session.id}/came", {"person": member.id, "came": "yes"}
    )
    with factories.APP.app_context():
        moved = db.session.get(TrainingSession, session.id)
        moved.start_at = utcnow() + timedelta(days=3)
        moved.end_at = moved.start_at + timedelta(hours=2)
        db.session.commit()
    page = client_as("member").get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "You came to this session." not in page
    assert _marks(session.id) == [member.id]  # the mark is kept, for the day it comes


def test_csv_is_safe_against_formulas(client_as, co_trainer, staff):
    session = _today_session(co_trainer)
    sneaky = create_user("member", display_name="=HYPERLINK(1)")
    book(session.id, sneaky.id)
    client = client_as("staff")
    client.post_form(f"/sessions/{session.id}/came", {"person": sneaky.id, "came": "yes"})
    response = client.get(f"/sessions/{session.id}/came.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Name", "Said they were coming", "Came"]
    assert rows[1] == ["'=HYPERLINK(1)", "Yes", "Yes"]
