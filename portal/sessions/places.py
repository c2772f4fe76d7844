"""How full a session is and where this person stands, read in one query for its page."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import lazyload

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can
from portal.extensions import db
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.sessions.queries import own_rule
from portal.statements import VIEWER, built
from portal.timeutil import utcnow


@dataclass
class Places:
    """How full a session is, and where this person stands."""

    total: int
    going: int
    booking: Booking | None
    waiting_position: int | None  # 1 is next in line
    # How many of the sessions this person is going to or waiting for start before this one
    # (and are not over): the phone keeps only their soonest (portal/offline/keeping.py).
    own_sooner: int = 0

    @property
    def left(self) -> int:
        return max(self.total - self.going, 0)

    @property
    def status(self) -> BookingStatus | None:
        return self.booking.status if self.booking else None


def places_for(session: TrainingSession, user: User) -> Places:
    """How many are going, this person's own answer, and how many of their own sessions come
    sooner: one query."""
    statement = built(_places_statement, can(user, Permission.SEE_EVERY_GROUP))
    values = {
        "session_id": session.id,
        "start_at": session.start_at,
        "now": utcnow(),
        VIEWER.key: user.id,
    }
    going_count, sooner, booking = db.session.execute(statement, values).one()
    position = None
    if booking is not None and booking.status == BookingStatus.WAITING:
        ahead = db.session.scalar(
            sa.select(sa.func.count(Booking.id)).where(
                Booking.session_id == session.id,
                Booking.status == BookingStatus.WAITING,
                sa.tuple_(Booking.status_at, Booking.id) < sa.tuple_(booking.status_at, booking.id),
            )
        )
        position = ahead + 1
    return Places(session.places, going_count, booking, position, sooner)


def _places_statement(every_group: bool) -> sa.Select:
    session_id = sa.bindparam("session_id")
    going = (
        sa.select(sa.func.count(Booking.id))
        .where(Booking.session_id == session_id, Booking.status == BookingStatus.GOING)
        .correlate(None)  # its own count, not of the outer query's booking row
        .scalar_subquery()
    )
    own_sooner = (
        own_rule(
            sa.select(sa.func.count(TrainingSession.id)), every_group, VIEWER, sa.bindparam("now")
        )
        .where(TrainingSession.start_at < sa.bindparam("start_at"))
        .order_by(None)
        .correlate(None)
        .scalar_subquery()
    )
    own = sa.and_(Booking.session_id == TrainingSession.id, Booking.user_id == VIEWER)
    return (
        sa.select(going, own_sooner, Booking)
        .select_from(TrainingSession)
        .outerjoin(Booking, own)
        # Who helped give the answer is not on this page: not a second query (selectin).
        .options(lazyload(Booking.helped_by))
        .where(TrainingSession.id == session_id)
    )
