"""Reads for sessions, eager-loaded: a page asks a fixed number of queries however much data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can, holders_of
from portal.extensions import db
from portal.groups.queries import group_rule
from portal.pagination import one_built_page, paged
from portal.sessions.models import (
    Booking,
    BookingStatus,
    CalendarFeed,
    SessionSeen,
    TrainingSession,
    session_trainer,
)
from portal.statements import VIEWER, built
from portal.timefmt import day_in_words
from portal.timeutil import utcnow

ANSWERED = (BookingStatus.GOING, BookingStatus.WAITING)


def visible_to(user: User) -> sa.ColumnElement:
    """Sessions for everyone, for a group the person is in, or that they run."""
    return _visible_rule(can(user, Permission.SEE_EVERY_GROUP), user.id)


def _visible_rule(every_group: bool, viewer_id: Any) -> sa.ColumnElement:
    """visible_to's rule, for a person's id or VIEWER in a statement built once."""
    runs = sa.select(session_trainer.c.session_id).where(session_trainer.c.user_id == viewer_id)
    return sa.or_(
        group_rule(TrainingSession.group_id, every_group=every_group, viewer_id=viewer_id),
        TrainingSession.id.in_(runs),
    )


@dataclass
class SessionCard:
    session: TrainingSession
    status: BookingStatus | None  # this person's answer, if any
    time_changed: bool = False  # say "The time has changed": this person has not seen it yet

    def kept_key(self, main: bool) -> tuple:
        """All the card shows (templates/sessions/_session_card.html), to keep it by
        (portal/fragments.py): the same for everyone with this answer."""
        session = self.session
        return (
            session.id,
            session.title,
            session.picture,
            session.is_cancelled,
            self.time_changed,
            day_in_words(session.start_at),
            session.start_at,
            session.end_at,
            session.place_name,
            session.group.name if session.group else None,
            self.status,
            main,
        )


def session_card_keys(cards: list[SessionCard], *, first_is_main: bool) -> tuple:
    """Every card's key, for a list kept whole: one lookup, not a Jinja call for each card."""
    return tuple(card.kept_key(first_is_main and i == 0) for i, card in enumerate(cards))


def _time_news_possible(session: TrainingSession) -> bool:
    # After the session, or once it is cancelled, the new time is no use to anyone.
    return bool(session.time_changed_at and not session.is_cancelled and session.end_at > utcnow())


def unseen_time_changes(user: User, sessions: list[TrainingSession]) -> set[int]:
    """The sessions whose new time this person has not seen on the session's page yet."""
    changed = [session for session in sessions if _time_news_possible(session)]
    if not changed:
        return set()  # the usual case: no query at all
    seen = dict(
        db.session.execute(
            sa.select(SessionSeen.session_id, SessionSeen.seen_at).where(
                SessionSeen.user_id == user.id,
                SessionSeen.session_id.in_([session.id for session in changed]),
            )
        ).all()
    )
    return {
        session.id
        for session in changed
        if session.id not in seen or seen[session.id] < session.time_changed_at
    }


def _cards(user: User, rows: list[tuple[TrainingSession, BookingStatus | None]]):
    unseen = unseen_time_changes(user, [session for session, _ in rows])
    return [SessionCard(session, status, session.id in unseen) for session, status in rows]


PAGE_SIZE = 20  # a short list is easier to read on a phone; "Show more" gives the next


def list_sessions(
    user: User, *, past: bool = False, page: int = 1
) -> tuple[list[SessionCard], bool]:
    """Upcoming sessions soonest first, or past ones latest first, with this person's answer.

    Returns one page of cards, and whether there are more after it: one query, its statement
    built once for each shape (portal/statements.py)."""
    statement = built(_list_statement, can(user, Permission.SEE_EVERY_GROUP), past)
    values = {"now": utcnow(), VIEWER.key: user.id}
    rows, more = one_built_page(statement, values, page, PAGE_SIZE, whole_rows=True)
    return _cards(user, [(session, status) for session, status in rows]), more


def _list_statement(every_group: bool, past: bool) -> sa.Select:
    now = sa.bindparam("now")
    # This person's answer comes with each session (at most one booking each).
    own = sa.and_(Booking.session_id == TrainingSession.id, Booking.user_id == VIEWER)
    query = (
        sa.select(TrainingSession, Booking.status)
        .outerjoin(Booking, own)
        .options(joinedload(TrainingSession.group))
        .where(_visible_rule(every_group, VIEWER))
    )
    if past:
        query = query.where(TrainingSession.end_at < now).order_by(
            TrainingSession.start_at.desc(), TrainingSession.id
        )
    else:
        query = query.where(TrainingSession.end_at >= now).order_by(
            TrainingSession.start_at, TrainingSession.id
        )
    return paged(query)


def list_own_sessions(user: User) -> list[SessionCard]:
    """Sessions this person is going to or waiting for, soonest first."""
    rows = db.session.execute(
        _own_sessions(sa.select(TrainingSession, Booking.status), user).options(
            joinedload(TrainingSession.group)
        )
    )
    return _cards(user, [(session, status) for session, status in rows])


def soonest_own_session_ids(user: User, most: int) -> list[int]:
    """The first `most` of list_own_sessions, as ids alone: one light query, for a check made
    after a session page (may the phone keep it?)."""
    return list(db.session.scalars(_own_sessions(sa.select(TrainingSession.id), user).limit(most)))


def _own_sessions(query: sa.Select, user: User) -> sa.Select:
    """`query` narrowed to the sessions this person is going to or waiting for, soonest first."""
    return own_rule(query, can(user, Permission.SEE_EVERY_GROUP), user.id, utcnow())


def own_rule(query: sa.Select, every_group: bool, viewer_id: Any, now: Any) -> sa.Select:
    return (
        query.join(Booking, Booking.session_id == TrainingSession.id)
        .where(
            Booking.user_id == viewer_id,
            Booking.status.in_(ANSWERED),
            TrainingSession.end_at >= now,
            _visible_rule(every_group, viewer_id),
        )
        .order_by(TrainingSession.start_at)
    )


def get_visible_session(user: User, session_id: int) -> TrainingSession | None:
    """The session, if this person may see it: a group's session is "not found" to others."""
    statement = built(_visible_session_statement, can(user, Permission.SEE_EVERY_GROUP))
    values = {"session_id": session_id, VIEWER.key: user.id}
    return db.session.execute(statement, values).unique().scalar_one_or_none()


def _visible_session_statement(every_group: bool) -> sa.Select:
    # The trainers joined in, not a second query: a session has a few.
    return (
        sa.select(TrainingSession)
        .options(joinedload(TrainingSession.trainers), joinedload(TrainingSession.group))
        .where(
            TrainingSession.id == sa.bindparam("session_id"),
            _visible_rule(every_group, VIEWER),
        )
    )


def list_attendance(session: TrainingSession) -> tuple[list[Booking], list[Booking]]:
    """Who is going (by name) and who is waiting (in order), with their help needs."""
    bookings = list(
        db.session.scalars(
            sa.select(Booking)
            .options(joinedload(Booking.user))
            .where(Booking.session_id == session.id, Booking.status.in_(ANSWERED))
            .order_by(Booking.status_at, Booking.id)
        )
    )
    going = sorted(
        (b for b in bookings if b.status == BookingStatus.GOING),
        key=lambda b: b.user.display_name.lower(),
    )
    waiting = [b for b in bookings if b.status == BookingStatus.WAITING]
    return going, waiting


def runs_session(user: User, session: TrainingSession) -> bool:
    """Staff run every session; a co-trainer runs the ones they are named on. Being named is
    not enough alone: a supporter helping a trainer, or a trainer who is a member again, has
    no right to run sessions, so sees none of what only the people running one see."""
    if not can(user, Permission.RUN_SESSIONS):
        return False
    return can(user, Permission.RUN_ANY_SESSION) or any(
        trainer.id == user.id for trainer in session.trainers
    )


def get_session_run_by(user: User, session_id: int) -> TrainingSession:
    """The session, for a page that changes it: 404 if this person may not see it, 403 if they
    see it but do not run it. Sessions and agendas both ask here, so the rule is in one place."""
    session = get_visible_session(user, session_id)
    if session is None:
        abort(404)
    if not runs_session(user, session):
        abort(403)
    return session


def list_trainers() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User).where(holders_of(Permission.RUN_SESSIONS)).order_by(User.display_name)
        )
    )


def user_for_calendar_token(token: str) -> User | None:
    return db.session.scalar(
        sa.select(User)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token == token, User.active.is_(True))
    )


def calendar_sessions(user: User) -> list[TrainingSession]:
    """What goes in a person's calendar feed: sessions they are going to, recent and coming."""
    from datetime import timedelta

    return list(
        db.session.scalars(
            sa.select(TrainingSession)
            .join(Booking, Booking.session_id == TrainingSession.id)
            .where(
                Booking.user_id == user.id,
                Booking.status == BookingStatus.GOING,
                TrainingSession.end_at >= utcnow() - timedelta(days=60),
                visible_to(user),
            )
            .order_by(TrainingSession.start_at)
        )
    )
