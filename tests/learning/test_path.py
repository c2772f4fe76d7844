"""The path to co-trainer: steps computed from real attendance and agendas; inviting and
accepting changes the role, and the permission matrix follows."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.accounts.models import Role, SecurityEvent, User
from portal.extensions import db
from portal.learning.models import LearningStep, LedPart, TrainTheTrainers
from portal.sessions.came import set_came
from portal.sessions.models import TrainingSession
from tests import factories
from tests.factories import create_agenda_item, create_session, create_user, publish_agenda


def _mark(session_id: int, *people) -> None:
    with factories.APP.test_request_context():
        training = db.session.get(TrainingSession, session_id)
        for person in people:
            set_came(training, person.id, True, by=person)
        db.session.commit()


def _steps(*pairs) -> None:
    with factories.APP.app_context():
        for kind, number in pairs:
            db.session.add(LearningStep(kind=kind, number=number))
        db.session.commit()


def _past(co_trainer, days: int, **fields):
    return create_session(starts_in=-timedelta(days=days), trainers=[co_trainer], **fields)


def test_my_learning_counts_real_attendance_topics_ideas_and_steps(
    client_as, co_trainer, member, staff
):
    _steps(("sessions", 3), ("train_the_trainers", 2), ("led_parts", 1))
    first, second = _past(co_trainer, 20, title="Day one"), _past(co_trainer, 10, title="Day two")
    not_marked = _past(co_trainer, 5, title="Stayed at home")
    create_agenda_item(first.id, co_trainer.id, title="Listening well")
    publish_agenda(first.id)
    _mark(first.id, member)
    _mark(second.id, member)
    staff_client = client_as("staff")
    # Staff mark the first as Train the trainers.
    response = staff_client.post_form(
        "/learning/steps/train-the-trainers", {"sessions": [str(first.id)]}
    )
    assert response.status_code == 302
    page = client_as("member").get("/learning").get_data(as_text=True)
    assert "Day one" in page and "Day two" in page and "Stayed at home" not in page
    assert "Listening well" in page
    assert "Come to 3 sessions" in page and "2 done out of 3." in page
    assert "Come to 2 Train the trainers sessions" in page and "1 done out of 2." in page
    assert "Lead a part of a session 1 time<" in page and "0 done out of 1." in page
    assert not_marked.id


def test_a_trainer_records_who_led_a_part_and_it_counts(client_as, co_trainer, member):
    _steps(("led_parts", 1))
    session = _past(co_trainer, 2)
    part = create_agenda_item(session.id, co_trainer.id, title="Icebreaker")
    _mark(session.id, member)
    client = client_as("co_trainer")
    page = client.get(f"/learning/session/{session.id}/led").get_data(as_text=True)
    assert "Icebreaker" in page and "Sam Jones" in page
    url = f"/learning/session/{session.id}/led"
    assert client.post_form(url, {"item": part.id, "led": [member.id]}).status_code == 302
    assert client.post_form(url, {"item": part.id, "led": [member.id]}).status_code == 302
    with factories.APP.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LedPart)) == 1
    page = client_as("member").get("/learning").get_data(as_text=True)
    assert "Done!" in page
    # Someone not offered (did not come, not a leader) cannot be recorded.
    stranger = create_user("member")
    assert client.post_form(url, {"item": part.id, "led": [stranger.id]}).status_code == 400
    assert client.post_form(url, {"item": part.id, "led": ["x"]}).status_code == 400
    assert client.post_form(url, {"item": 2_000_000_000, "led": []}).status_code == 404
    # Untick: the record goes.
    assert client.post_form(url, {"item": part.id}).status_code == 302
    with factories.APP.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LedPart)) == 0
    # Only the trainers of that session and staff.
    other = create_user("co_trainer")
    other_client = client_as(None)
    other_client.sign_in_as(other)
    assert other_client.get(url).status_code == 403
    assert client_as("member").get(url).status_code == 403


def test_staff_see_who_is_close_and_invite_and_accepting_makes_a_co_trainer(
    client_as, member, staff
):
    _steps(("sessions", 1))
    trainer = create_user("co_trainer")
    session = create_session(starts_in=-timedelta(days=3), trainers=[trainer])
    far = create_user("member", display_name="Far Away")
    _mark(session.id, member)
    staff_client = client_as("staff")
    page = staff_client.get("/learning/steps").get_data(as_text=True)
    assert page.index("Sam Jones") < page.index("Far Away")  # closest first
    assert "All the steps are done." in page
    assert far.id
    member_client = client_as("member")
    # Before: a member cannot run sessions.
    assert member_client.get("/sessions/new").status_code == 403
    assert staff_client.post_form(f"/learning/people/{member.id}/invite").status_code == 302
    staff_client.post_form(f"/learning/people/{member.id}/invite")  # twice: still one
    page = staff_client.get("/learning/steps").get_data(as_text=True)
    assert "Invited. They have not answered yet." in page
    page = member_client.get("/learning").get_data(as_text=True)
    assert "Would you like to be a co-trainer?" in page
    response = member_client.post_form("/learning/invitation", {"answer": "yes"})
    assert response.status_code == 302
    with factories.APP.app_context():
        assert db.session.get(User, member.id).role == Role.CO_TRAINER
        event = db.session.scalar(
            sa.select(SecurityEvent).where(SecurityEvent.kind == "role_changed")
        )
        assert event.user_id == member.id
    # After: the permission matrix follows.
    assert member_client.get("/sessions/new").status_code == 200
    again = member_client.post_form(
        "/learning/invitation", {"answer": "yes"}, follow_redirects=True
    )
    assert "There is no invitation to answer now." in again.get_data(as_text=True)
    log = staff_client.get("/security-log").get_data(as_text=True)
    assert "Sam Jones said yes to being a co-trainer." in log


def test_not_now_keeps_the_role_and_bad_answers_are_refused(client_as, member, staff):
    client_as("staff").post_form(f"/learning/people/{member.id}/invite")
    member_client = client_as("member")
    assert member_client.post_form("/learning/invitation", {"answer": "maybe"}).status_code == 400
    assert member_client.post_form("/learning/invitation", {"answer": "not_now"}).status_code == 302
    with factories.APP.app_context():
        assert db.session.get(User, member.id).role == Role.MEMBER
    assert member_client.get("/sessions/new").status_code == 403
    # Staff cannot invite someone who runs sessions already, or a closed account.
    staff_client = client_as("staff")
    trainer = create_user("co_trainer")
    response = staff_client.post_form(
        f"/learning/people/{trainer.id}/invite", follow_redirects=True
    )
    assert "You can only invite a member whose account is on." in response.get_data(as_text=True)
    assert staff_client.post_form("/learning/people/2000000000/invite").status_code == 404
    assert client_as("member").post_form(f"/learning/people/{member.id}/invite").status_code == 403


def test_staff_add_and_remove_steps_with_clear_messages(client_as, staff):
    client = client_as("staff")
    response = client.post_form("/learning/steps", {"kind": "sessions", "number": "0"})
    assert response.status_code == 422
    assert "Write a number from 1 to 100." in response.get_data(as_text=True)
    response = client.post_form("/learning/steps", {"kind": "flying", "number": "2"})
    assert response.status_code == 422
    assert (
        client.post_form("/learning/steps", {"kind": "sessions", "number": "4"}).status_code == 302
    )
    with factories.APP.app_context():
        step = db.session.scalar(sa.select(LearningStep))
        assert (step.kind, step.number) == ("sessions", 4)
    client.post_form(f"/learning/steps/{step.id}/remove")
    with factories.APP.app_context():
        assert db.session.scalar(sa.select(LearningStep)) is None
        assert db.session.scalar(sa.select(TrainTheTrainers)) is None
