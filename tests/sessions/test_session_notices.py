"""Sessions tell people through What's new: the day-before reminder and a change of place."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from portal.extensions import db
from portal.notices.models import Notice
from tests.factories import book, create_session, create_user


def _run(app, now: datetime) -> str:
    result = app.test_cli_runner().invoke(args=["notices", "run", "--now", now.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def _ten_am_utc_in(days: int) -> datetime:
    today = datetime.now(UTC).replace(tzinfo=None).date()
    return datetime.combine(today + timedelta(days=days), time(10))


def _notices(app, user_id):
    with app.app_context():
        return list(db.session.scalars(sa.select(Notice).where(Notice.user_id == user_id)))


def test_reminder_the_day_before_once_with_time_place_and_what_to_bring(
    app, client_as, users_by_role
):
    member = users_by_role["member"]
    start = _ten_am_utc_in(days=2)
    training = create_session(
        places=1,
        bring="Your lunch. We have tea and coffee.",
        start_at=start,
        end_at=start + timedelta(hours=5),
    )
    waiting = create_user(username="waiting")
    book(training.id, member.id)
    book(training.id, waiting.id)  # the one place is taken: waiting people get no reminder
    # 6pm UTC the day before: the evening before in London, winter or summer.
    evening_before = training.start_at - timedelta(hours=16)
    assert "Reminders made: 1" in _run(app, evening_before)
    assert "Reminders made: 0" in _run(app, evening_before + timedelta(hours=1))
    (reminder,) = [n for n in _notices(app, member.id) if n.kind == "session_reminder"]
    assert reminder.link == f"/sessions/{training.id}"
    assert not [n for n in _notices(app, waiting.id) if n.kind == "session_reminder"]

    page = client_as("member").get("/whats-new").get_data(as_text=True)
    assert "Reminder: Introduction to community organising is tomorrow," in page
    assert "at Community Hall." in page
    assert "Please bring: Your lunch. We have tea and coffee." in page


def test_no_reminder_for_cancelled_sessions_or_other_days(app, users_by_role):
    member = users_by_role["member"]
    start = _ten_am_utc_in(days=2)
    soon = create_session(title="Cancelled one", start_at=start, end_at=start + timedelta(hours=2))
    later = create_session(starts_in=timedelta(days=5), title="Later one")
    book(soon.id, member.id)
    book(later.id, member.id)
    with app.app_context():
        from portal.sessions.models import TrainingSession
        from portal.sessions.services import cancel_session

        with app.test_request_context():
            cancel_session(db.session.get(TrainingSession, soon.id))
        db.session.commit()
    assert "Reminders made: 0" in _run(app, soon.start_at - timedelta(hours=16))


def test_a_change_of_place_tells_everyone_going(app, client_as, users_by_role):
    member = users_by_role["member"]
    training = create_session()
    book(training.id, member.id)
    with app.app_context():
        from portal.sessions.models import TrainingSession
        from portal.sessions.services import SESSION_FIELDS, update_session

        row = db.session.get(TrainingSession, training.id)
        fields = {name: getattr(row, name) for name in SESSION_FIELDS}
        fields["place_name"] = "The Library"
        with app.test_request_context():
            update_session(row, trainers=[], **fields)
        db.session.commit()
    page = client_as("member").get("/whats-new").get_data(as_text=True)
    assert "Introduction to community organising has moved. It is at The Library now." in page


def test_a_session_put_back_on_gets_its_reminder_again(app, users_by_role):
    member = users_by_role["member"]
    start = _ten_am_utc_in(days=2)
    training = create_session(start_at=start, end_at=start + timedelta(hours=2))
    book(training.id, member.id)
    with app.app_context(), app.test_request_context():
        from portal.sessions.models import TrainingSession
        from portal.sessions.services import cancel_session, put_session_back_on

        cancel_session(db.session.get(TrainingSession, training.id))
        db.session.commit()
    evening_before = training.start_at - timedelta(hours=16)
    assert "Reminders made: 0" in _run(app, evening_before)
    with app.app_context(), app.test_request_context():
        put_session_back_on(db.session.get(TrainingSession, training.id))
        db.session.commit()
    assert "Reminders made: 1" in _run(app, evening_before + timedelta(minutes=10))
