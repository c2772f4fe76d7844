"""Writes for sessions: answering "I'm coming", the waiting list, and staff changes.

Functions flush, never commit: the view commits once. Taking or giving up a place first locks
the session's row (`_lock_session`), so two people can never both take the last place.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask import url_for

from portal.accounts.models import User
from portal.database import dialect_insert
from portal.extensions import db
from portal.notices.services import notify
from portal.sessions.models import (
    HELP_NEEDS,
    Booking,
    BookingStatus,
    CalendarFeed,
    SessionSeen,
    TrainingSession,
)
from portal.text import one_line
from portal.timeutil import utcnow


class SessionClosed(Exception):
    """The session is cancelled or over: nobody can take a place or change an answer now.

    Cancelling keeps every answer as it was, so putting the session back on brings them back.
    """


class SessionStarted(Exception):
    """The session has started or happened: it is too late to put it back on."""


def _lock_session(session_id: int) -> None:
    """Hold the session's row until the transaction ends.

    An UPDATE locks the row on PostgreSQL and takes SQLite's write lock, so the places counted
    after it cannot change under us. It works the same on both, unlike SELECT ... FOR UPDATE.
    """
    db.session.execute(
        sa.update(TrainingSession)
        .where(TrainingSession.id == session_id)
        .values(places=TrainingSession.places)
        .execution_options(synchronize_session=False)
    )


def _refuse_when_closed(session: TrainingSession) -> None:
    """Raise SessionClosed for a cancelled session, or one that is over.

    Call it holding the session's lock: it reads the cancel again, so a cancel made a moment
    ago by someone else counts too.
    """
    db.session.refresh(session, ["cancelled_at"])
    if session.is_cancelled or session.end_at <= utcnow():
        raise SessionClosed


def _going_count(session_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Booking.id)).where(
            Booking.session_id == session_id, Booking.status == BookingStatus.GOING
        )
    )


def _own_booking(session_id: int, user_id: int) -> Booking | None:
    return db.session.scalar(
        sa.select(Booking)
        .where(Booking.session_id == session_id, Booking.user_id == user_id)
        .execution_options(populate_existing=True)
    )


def clean_help(needs: Iterable[str], other: str) -> tuple[list[str], str]:
    chosen = [need for need in HELP_NEEDS if need in set(needs)]
    # The answer is read without the form's checks (it goes with the I'm coming tap): one line.
    other = one_line(other or "").strip()[:200]
    if other and "other" not in chosen:
        chosen.append("other")
    return chosen, (other if "other" in chosen else "")


def say_coming(
    session: TrainingSession, user: User, *, help_needs: Iterable[str] = (), help_other: str = ""
) -> Booking:
    """Take a place, or a place on the waiting list when the session is full."""
    _lock_session(session.id)
    _refuse_when_closed(session)
    booking = _own_booking(session.id, user.id)
    needs, other = clean_help(help_needs, help_other)
    if booking is None or booking.status == BookingStatus.LEFT:
        full = _going_count(session.id) >= session.places
        if booking is None:
            booking = Booking(session_id=session.id, user_id=user.id)
            db.session.add(booking)
        booking.status = BookingStatus.WAITING if full else BookingStatus.GOING
        booking.status_at = utcnow()
    booking.help_needs = needs
    booking.help_other = other
    db.session.flush()
    return booking


def say_not_coming(session: TrainingSession, user: User) -> None:
    """Give up a place (or leave the waiting list); the first person waiting gets the place.

    Not on a cancelled session: its answers are kept for if it is put back on, and then the
    person can say they cannot come. Not after it is over: who was going stays as it was.
    """
    _lock_session(session.id)
    _refuse_when_closed(session)
    booking = _own_booking(session.id, user.id)
    if booking is None or booking.status == BookingStatus.LEFT:
        return
    was_going = booking.status == BookingStatus.GOING
    booking.status = BookingStatus.LEFT
    booking.status_at = utcnow()
    db.session.flush()
    if was_going:
        fill_free_places(session)


def set_help_needs(booking: Booking, help_needs: Iterable[str], help_other: str) -> None:
    """Change the help a person needs; not on a cancelled session, or one that is over."""
    _lock_session(booking.session_id)
    _refuse_when_closed(booking.session)
    booking.help_needs, booking.help_other = clean_help(help_needs, help_other)
    db.session.flush()


def fill_free_places(session: TrainingSession) -> list[Booking]:
    """Give free places to people waiting, first come first served, and tell them.

    The caller holds the session's lock.
    """
    if session.is_cancelled or session.end_at <= utcnow():
        return []
    free = session.places - _going_count(session.id)
    if free <= 0:
        return []
    promoted = list(
        db.session.scalars(
            sa.select(Booking)
            .where(Booking.session_id == session.id, Booking.status == BookingStatus.WAITING)
            .order_by(Booking.status_at, Booking.id)
            .limit(free)
        )
    )
    for booking in promoted:
        booking.status = BookingStatus.GOING
        booking.status_at = utcnow()
    db.session.flush()
    if promoted:
        notify(
            [booking.user_id for booking in promoted],
            "session_place_given",
            link=url_for("sessions.show_session", session_id=session.id),
            title=session.title,
        )
    return promoted


SESSION_FIELDS = (
    "title",
    "summary",
    "picture",
    "start_at",
    "end_at",
    "place_name",
    "address",
    "step_free",
    "hearing_loop",
    "accessible_toilet",
    "access_notes",
    "bring",
    "online_link",
    "group_id",
    "places",
)


def create_session(*, trainers: list[User], **fields: Any) -> TrainingSession:
    session = TrainingSession(**{name: fields[name] for name in SESSION_FIELDS})
    session.trainers = trainers
    db.session.add(session)
    db.session.flush()
    return session


def _people_answering(session_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Booking.user_id).where(
                Booking.session_id == session_id,
                Booking.status.in_([BookingStatus.GOING, BookingStatus.WAITING]),
            )
        )
    )


def update_session(session: TrainingSession, *, trainers: list[User], **fields: Any) -> None:
    """Change a session. People going or waiting hear when the time moves."""
    moved = fields["start_at"] != session.start_at or fields["end_at"] != session.end_at
    relocated = (fields["place_name"], fields["address"]) != (session.place_name, session.address)
    _lock_session(session.id)
    for name in SESSION_FIELDS:
        setattr(session, name, fields[name])
    session.trainers = trainers
    link = url_for("sessions.show_session", session_id=session.id)
    if moved:
        session.time_changed_at = utcnow()
        notify(
            _people_answering(session.id), "session_time_changed", link=link, title=session.title
        )
    if relocated:
        notify(
            _people_answering(session.id),
            "session_place_changed",
            link=link,
            title=session.title,
            place=session.place_name or session.address,
        )
    db.session.flush()
    fill_free_places(session)  # more places may have been added


def cancel_session(session: TrainingSession) -> None:
    """Cancel, keeping every booking and help need, and tell everyone going or waiting."""
    _lock_session(session.id)
    db.session.refresh(session, ["cancelled_at"])  # a second tap finds it done already
    if session.is_cancelled:
        return
    session.cancelled_at = utcnow()
    db.session.flush()
    link = url_for("sessions.show_session", session_id=session.id)
    notify(_people_answering(session.id), "session_cancelled", link=link, title=session.title)


def put_session_back_on(session: TrainingSession) -> None:
    """Undo a cancel, before the session starts: the mirror of `cancel_session`.

    The bookings cancelling kept count again, as they were. Everyone going or waiting is told,
    and places that came free while it was cancelled go to people waiting.
    """
    _lock_session(session.id)
    db.session.refresh(session, ["cancelled_at"])  # a second tap finds it done already
    if not session.is_cancelled:
        return
    if session.start_at <= utcnow():
        raise SessionStarted
    session.cancelled_at = None
    db.session.flush()
    link = url_for("sessions.show_session", session_id=session.id)
    notify(_people_answering(session.id), "session_back_on", link=link, title=session.title)
    fill_free_places(session)


def mark_session_seen(session: TrainingSession, user: User) -> None:
    """This person has seen the session's page, with its time as it is now.

    One statement, so two tabs opening the page at once cannot both try to add the row.
    """
    now = utcnow()
    db.session.execute(
        dialect_insert(SessionSeen)
        .values(session_id=session.id, user_id=user.id, seen_at=now)
        .on_conflict_do_update(index_elements=["session_id", "user_id"], set_={"seen_at": now})
    )


def calendar_token(user: User, *, reset: bool = False) -> str:
    """The secret in this person's calendar address; `reset` makes the old address stop working."""
    feed = db.session.get(CalendarFeed, user.id)
    if feed is None:
        feed = CalendarFeed(user_id=user.id, token=secrets.token_urlsafe(32))
        db.session.add(feed)
    elif reset:
        feed.token = secrets.token_urlsafe(32)
        feed.created_at = utcnow()
    db.session.flush()
    return feed.token
