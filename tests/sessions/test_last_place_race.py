"""The last place under real concurrency: threads with their own database connections.

Runs on SQLite and, with DATABASE_URL set, on PostgreSQL (make test runs both).
"""

from __future__ import annotations

import contextlib
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from portal.accounts.models import User
from portal.extensions import db
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.sessions.services import say_coming, say_not_coming
from tests.factories import book, create_session, create_user


def _at_once(app, work, count: int) -> list[BaseException]:
    """Run work(index) in `count` threads that all start together; return what went wrong.

    The threads also meet just before counting the places taken, so without the session lock
    they would all count the same number (the test fails then: try removing `_lock_session`).
    With the lock only one thread counts at a time, so that meeting times out and is skipped.
    """
    barrier = threading.Barrier(count)
    counting = threading.Barrier(count)
    errors: list[BaseException] = []

    def meet_before_counting(conn, cursor, statement, *args) -> None:
        if "count(session_booking.id)" in statement:
            with contextlib.suppress(threading.BrokenBarrierError):
                counting.wait(timeout=1)

    def run(index: int) -> None:
        with app.test_request_context():
            try:
                barrier.wait(timeout=10)
                work(index)
                db.session.commit()
            except BaseException as error:  # reported below, never swallowed
                errors.append(error)
                db.session.rollback()
            finally:
                db.session.remove()

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", meet_before_counting)
    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        event.remove(engine, "before_cursor_execute", meet_before_counting)
    return errors


def _statuses(app, session_id: int) -> list[BookingStatus]:
    with app.app_context():
        return list(
            db.session.scalars(sa.select(Booking.status).where(Booking.session_id == session_id))
        )


@pytest.mark.parametrize("contenders", [2, 6])
def test_exactly_one_person_gets_the_last_place(app, contenders):
    session = create_session(places=3)
    for _ in range(2):
        book(session.id, create_user("member").id)
    people = [create_user("member").id for _ in range(contenders)]

    def take_place(index: int) -> None:
        # Each thread reads the session first, as a request would, then they all try at once.
        training = db.session.get(TrainingSession, session.id)
        say_coming(training, db.session.get(User, people[index]))

    errors = _at_once(app, take_place, contenders)
    assert errors == []
    statuses = _statuses(app, session.id)
    assert statuses.count(BookingStatus.GOING) == 3
    assert statuses.count(BookingStatus.WAITING) == contenders - 1


def test_a_place_given_up_goes_to_one_waiting_person_while_others_join(app):
    session = create_session(places=1)
    leaver = create_user("member")
    book(session.id, leaver.id)
    first_waiting = create_user("member")
    book(session.id, first_waiting.id)
    joiners = [create_user("member").id for _ in range(3)]

    def act(index: int) -> None:
        training = db.session.get(TrainingSession, session.id)
        if index == 0:
            say_not_coming(training, db.session.get(User, leaver.id))
        else:
            say_coming(training, db.session.get(User, joiners[index - 1]))

    assert _at_once(app, act, 4) == []
    with app.app_context():
        going = list(
            db.session.scalars(
                sa.select(Booking.user_id).where(
                    Booking.session_id == session.id, Booking.status == BookingStatus.GOING
                )
            )
        )
    assert going == [first_waiting.id]
