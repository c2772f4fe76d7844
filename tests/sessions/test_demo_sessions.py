"""The demo sessions show every state a session can be in."""

from __future__ import annotations

import sqlalchemy as sa

from portal.demo import load_demo_data
from portal.extensions import db
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.timefmt import to_local
from portal.timeutil import utcnow


def test_demo_sessions(app):
    with app.test_request_context():
        assert load_demo_data()
        db.session.commit()
        sessions = {s.title: s for s in db.session.scalars(sa.select(TrainingSession))}
        assert "Introduction to community organising" in sessions
        now = utcnow()
        for number, day in ((1, 6), (2, 7)):
            training = sessions[f"Train the trainers: day {number}"]
            local = to_local(training.start_at)
            assert (local.month, local.day, local.hour) == (11, day, 10)
            assert training.start_at > now
            assert training.group is not None
        assert sum(s.is_cancelled for s in sessions.values()) == 1
        assert sessions["Welcome coffee morning"].end_at < now
        waiting = db.session.scalars(
            sa.select(Booking).where(Booking.status == BookingStatus.WAITING)
        ).all()
        assert len(waiting) == 1
        full = waiting[0].session
        going = db.session.scalar(
            sa.select(sa.func.count(Booking.id)).where(
                Booking.session_id == full.id, Booking.status == BookingStatus.GOING
            )
        )
        assert going == full.places
