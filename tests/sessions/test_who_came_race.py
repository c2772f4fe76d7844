"""Two trainers marking the same list at once, with real threads and connections.

Runs on SQLite and, with DATABASE_URL set, on PostgreSQL.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import sqlalchemy as sa

from portal.accounts.models import User
from portal.extensions import db
from portal.sessions.came import Came, set_came
from portal.sessions.models import TrainingSession
from tests.factories import book, create_session, create_user


def _together(app, jobs) -> list[BaseException]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        with app.test_request_context():
            try:
                barrier.wait(timeout=10)
                job()
            except BaseException as error:  # reported below, never swallowed
                errors.append(error)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_two_trainers_marking_at_once_keep_every_mark_once(app):
    first, second = create_user("co_trainer"), create_user("co_trainer")
    session = create_session(starts_in=-timedelta(minutes=20), trainers=[first, second])
    people = [create_user("member").id for _ in range(12)]
    for person_id in people:
        book(session.id, person_id)

    def marker(trainer_id: int, order: list[int]):
        def job() -> None:
            training = db.session.get(TrainingSession, session.id)
            trainer = db.session.get(User, trainer_id)
            # Each tap is its own request, and each is sent twice (a retry after a lost answer).
            for person_id in order:
                for _ in range(2):
                    set_came(training, person_id, True, by=trainer)
                    db.session.commit()

        return job

    errors = _together(app, [marker(first.id, people), marker(second.id, people[::-1])])
    assert errors == []
    with app.app_context():
        rows = db.session.execute(
            sa.select(Came.user_id, sa.func.count())
            .where(Came.session_id == session.id)
            .group_by(Came.user_id)
        ).all()
    assert sorted(rows) == sorted((person_id, 1) for person_id in people)


def test_an_undo_and_a_mark_for_others_at_once_touch_only_their_own_person(app):
    trainer = create_user("co_trainer")
    session = create_session(starts_in=-timedelta(minutes=20), trainers=[trainer])
    mistaken, here = create_user("member").id, create_user("member").id
    with app.test_request_context():
        set_came(db.session.get(TrainingSession, session.id), mistaken, True, by=trainer)
        db.session.commit()

    def tap(person_id: int, came: bool):
        def job() -> None:
            training = db.session.get(TrainingSession, session.id)
            set_came(training, person_id, came, by=db.session.get(User, trainer.id))
            db.session.commit()

        return job

    errors = _together(app, [tap(mistaken, False), tap(here, True), tap(here, True)])
    assert errors == []
    with app.app_context():
        marked = set(
            db.session.scalars(sa.select(Came.user_id).where(Came.session_id == session.id))
        )
    assert marked == {here}
