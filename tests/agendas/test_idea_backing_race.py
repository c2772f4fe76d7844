"""21 taps at once on one idea, from real threads with their own connections: every person
counted once, whatever the order. Runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from portal.accounts.models import User
from portal.agendas.backing import IdeaBacking, backing_counts, set_backing
from portal.agendas.models import AgendaSuggestion
from portal.extensions import db
from tests.factories import create_session, create_suggestion, create_user


def _at_once(app, jobs) -> list[BaseException]:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        with app.test_request_context():
            try:
                barrier.wait(timeout=20)
                job()
                db.session.commit()
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


def _tap(idea_id: int, user_id: int, backed: bool):
    def job() -> None:
        idea = db.session.get(AgendaSuggestion, idea_id)
        set_backing(idea, db.session.get(User, user_id), backed)

    return job


def test_21_taps_at_once_count_each_person_once(app, co_trainer):
    session = create_session(trainers=[co_trainer])
    idea = create_suggestion(session.id, create_user("member").id, "More tea")
    people = [create_user("member").id for _ in range(14)]
    # 14 people tap once, 7 of them tap a second time at the same moment (a double tap).
    jobs = [_tap(idea.id, person, True) for person in people]
    jobs += [_tap(idea.id, person, True) for person in people[:7]]
    assert len(jobs) == 21
    assert _at_once(app, jobs) == []
    with app.app_context():
        rows = list(
            db.session.execute(
                sa.select(IdeaBacking.user_id, sa.func.count())
                .where(IdeaBacking.suggestion_id == idea.id)
                .group_by(IdeaBacking.user_id)
            )
        )
        assert sorted(rows) == sorted((person, 1) for person in people)
        assert backing_counts([idea.id]) == {idea.id: 14}


def test_backing_and_taking_back_at_once_leave_a_consistent_count(app, co_trainer):
    session = create_session(trainers=[co_trainer])
    idea = create_suggestion(session.id, create_user("member").id, "A longer lunch")
    stay, leave = (
        [create_user("member").id for _ in range(11)],
        [create_user("member").id for _ in range(10)],
    )
    assert _at_once(app, [_tap(idea.id, person, True) for person in leave]) == []
    jobs = [_tap(idea.id, p, True) for p in stay] + [_tap(idea.id, p, False) for p in leave]
    assert _at_once(app, jobs) == []
    with app.app_context():
        query = sa.select(IdeaBacking.user_id).where(IdeaBacking.suggestion_id == idea.id)
        assert sorted(db.session.scalars(query)) == sorted(stay)
        assert backing_counts([idea.id]) == {idea.id: 11}
