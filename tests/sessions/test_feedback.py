"""How was it?: only people who came, once each (changeable for a week), anonymous unless
they choose, counted right, and clear messages for bad input."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.notices.models import Notice
from portal.sessions.came import set_came
from portal.sessions.feedback import Feedback
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow
from tests import factories
from tests.factories import create_session, create_user


def _mark(session_id: int, *people) -> None:
    with factories.APP.test_request_context():
        training = db.session.get(TrainingSession, session_id)
        for person in people:
            set_came(training, person.id, True, by=person)
        db.session.commit()


def _ended(co_trainer, ago=timedelta(hours=1)):
    return create_session(starts_in=-ago - timedelta(hours=3), hours=3, trainers=[co_trainer])


def _answers(session_id: int) -> list[Feedback]:
    with factories.APP.app_context():
        rows = db.session.scalars(sa.select(Feedback).where(Feedback.session_id == session_id))
        return [(f.user_id, f.face, f.what_good, f.what_change, f.named) for f in rows]


def test_a_member_who_came_says_how_it_was_and_changes_it(client_as, co_trainer, member):
    session = _ended(co_trainer)
    _mark(session.id, member)
    client = client_as("member")
    url = f"/sessions/{session.id}/how-was-it"
    page = client.get(url).get_data(as_text=True)
    assert 'value="good"' in page and "face-not-good.svg" in page and "Say it was me" in page
    assert 'id="what_good-hint"' in page  # writing hints can join the box here
    response = client.post_form(url, {"face": "good", "what_good": "The games"})
    assert response.status_code == 302
    assert _answers(session.id) == [(member.id, "good", "The games", "", False)]
    assert "You told us already." in client.get(url).get_data(as_text=True)
    client.post_form(url, {"face": "ok", "what_change": "More breaks", "named": "y"})
    assert _answers(session.id) == [(member.id, "ok", "", "More breaks", True)]


def test_only_people_who_came_and_only_after_it_ends_for_a_week(client_as, co_trainer, member):
    session = _ended(co_trainer)
    client = client_as("member")
    url = f"/sessions/{session.id}/how-was-it"
    assert client.get(url).status_code == 403
    assert client.post_form(url, {"face": "good"}).status_code == 403
    running = create_session(starts_in=-timedelta(minutes=30), trainers=[co_trainer])
    _mark(running.id, member)
    response = client.post_form(f"/sessions/{running.id}/how-was-it", {"face": "good"})
    assert response.status_code == 409
    assert "after the session" in response.get_data(as_text=True)
    old = _ended(co_trainer, ago=timedelta(days=8))
    _mark(old.id, member)
    response = client.post_form(f"/sessions/{old.id}/how-was-it", {"face": "good"})
    assert response.status_code == 409
    assert "more than a week" in response.get_data(as_text=True)
    assert _answers(session.id) == _answers(running.id) == _answers(old.id) == []


def test_bad_input_gets_a_clear_message(client_as, co_trainer, member):
    session = _ended(co_trainer)
    _mark(session.id, member)
    client = client_as("member")
    url = f"/sessions/{session.id}/how-was-it"
    response = client.post_form(url, {"face": ""})
    assert response.status_code == 422
    assert "Choose a face: good, all right or not good." in response.get_data(as_text=True)
    response = client.post_form(url, {"face": "great"})
    assert response.status_code == 422
    assert "Choose one from the list." in response.get_data(as_text=True)
    response = client.post_form(url, {"face": "good", "what_change": "x" * 10_000})
    assert response.status_code == 422
    assert "Use 2000 letters or fewer." in response.get_data(as_text=True)
    assert _answers(session.id) == []


def test_trainers_see_faces_counted_and_words_but_no_name_unless_chosen(
    client_as, co_trainer, member, staff
):
    session = _ended(co_trainer)
    quiet = create_user("member", display_name="Quinn Quiet")
    open_ = create_user("member", display_name="Olly Open")
    third = create_user("member", display_name="Tara Third")
    _mark(session.id, member, quiet, open_, third)
    url = f"/sessions/{session.id}/how-was-it"
    for person, data in (
        (quiet, {"face": "not_good", "what_change": "It was too loud"}),
        (open_, {"face": "good", "what_good": "Meeting people", "named": "y"}),
        (third, {"face": "good"}),
    ):
        client = client_as(None)
        client.sign_in_as(person)
        assert client.post_form(url, data).status_code == 302
    for role in ("co_trainer", "staff"):
        page = client_as(role).get(f"/sessions/{session.id}").get_data(as_text=True)
        assert "What members said" in page
        assert "Good: 2 people" in page and "All right: 0 people" in page
        assert "Not good: 1 person" in page
        assert page.count("face-good.svg") >= 2
        assert "It was too loud" in page and "Meeting people" in page
        assert "Olly Open" in page
        assert "Quinn Quiet" not in page and "Tara Third" not in page
    # Members do not see what others said.
    member_page = client_as("member").get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "What members said" not in member_page and "It was too loud" not in member_page


def test_one_notice_after_the_session_for_each_person_who_came(app, co_trainer, member):
    session = _ended(co_trainer)
    stayed_home = create_user("member")
    _mark(session.id, member)
    run = ["notices", "run", "--now", utcnow().isoformat()]
    for _ in range(2):
        assert app.test_cli_runner().invoke(args=run).exit_code == 0
    with app.app_context():
        kinds = list(
            db.session.execute(
                sa.select(Notice.user_id, Notice.link).where(
                    Notice.kind == "session_feedback_asked"
                )
            )
        )
    assert kinds == [(member.id, f"/sessions/{session.id}/how-was-it")]
    assert stayed_home.id not in [user_id for user_id, _ in kinds]


def test_planning_the_next_session_shows_what_members_said_last_time(client_as, co_trainer, member):
    earlier = _ended(co_trainer, ago=timedelta(days=2))
    unrelated = _ended(co_trainer, ago=timedelta(days=1))
    with factories.APP.app_context():
        db.session.get(TrainingSession, unrelated.id).title = "Something else"
        db.session.commit()
    _mark(earlier.id, member)
    _mark(unrelated.id, member)
    client = client_as("member")
    client.post_form(f"/sessions/{earlier.id}/how-was-it", {"face": "ok", "what_change": "Tea"})
    client.post_form(f"/sessions/{unrelated.id}/how-was-it", {"face": "good", "what_good": "Fun"})
    upcoming = create_session(trainers=[co_trainer])  # the same title as `earlier`
    page = client_as("co_trainer").get(f"/agendas/session/{upcoming.id}").get_data(as_text=True)
    assert "Last time, members said" in page
    assert "Tea" in page and "All right: 1 person" in page
    assert "Fun" not in page
    # A new series with nothing said before: no section.
    fresh = create_session(title="Brand new", trainers=[co_trainer])
    page = client_as("co_trainer").get(f"/agendas/session/{fresh.id}").get_data(as_text=True)
    assert "Last time, members said" not in page


def test_planning_shows_last_time_only_from_a_session_this_trainer_ran(
    client_as, co_trainer, member
):
    other = create_user("co_trainer", display_name="Other Trainer")
    earlier = _ended(other, ago=timedelta(days=2))  # the same title, run by someone else
    _mark(earlier.id, member)
    client_as("member").post_form(
        f"/sessions/{earlier.id}/how-was-it", {"face": "ok", "what_change": "Less noise"}
    )
    upcoming = create_session(trainers=[co_trainer])
    page = client_as("co_trainer").get(f"/agendas/session/{upcoming.id}").get_data(as_text=True)
    assert "Last time, members said" not in page and "Less noise" not in page
    # Staff run every session, so they may plan from it.
    page = client_as("staff").get(f"/agendas/session/{upcoming.id}").get_data(as_text=True)
    assert "Less noise" in page
