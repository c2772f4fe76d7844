"""Who came to a session: marked on the day by its trainers or staff, one tap per person.

A mark is one row per person and session (the primary key), so a retried tap or two trainers
marking at once can never make two rows. Each tap says the state it wants ("came" or "did
not come"), never "toggle", so a tap sent twice cannot undo itself.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.accounts.models import User
from portal.accounts.permissions import Permission, holders_of
from portal.database import insert_or_ignore
from portal.extensions import db
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.sessions.panels import session_panel
from portal.statements import VIEWER, built
from portal.timefmt import to_local
from portal.timeutil import utcnow


class Came(db.Model):
    """This person was at this session."""

    __tablename__ = "session_came"

    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    marked_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.Index("ix_session_came_user_id", "user_id"),)


class NotMarkable(Exception):
    """The session is cancelled or has not reached its day: nobody came yet."""


def can_mark(session: TrainingSession, now: datetime | None = None) -> bool:
    """From the morning of the session's day, for as long as it takes, unless cancelled."""
    now = now or utcnow()
    return not session.is_cancelled and to_local(session.start_at).date() <= to_local(now).date()


def set_came(session: TrainingSession, person_id: int, came: bool, by: User) -> bool:
    """Mark a person here, or take the mark away. True when something changed."""
    if not can_mark(session):
        raise NotMarkable
    if came:
        statement = insert_or_ignore(
            Came,
            {
                "session_id": session.id,
                "user_id": person_id,
                "marked_by_id": by.id,
                "marked_at": utcnow(),
            },
        )
    else:
        statement = sa.delete(Came).where(Came.session_id == session.id, Came.user_id == person_id)
    return db.session.execute(statement.returning(Came.user_id)).first() is not None


def came_ids(session_id: int) -> set[int]:
    return set(db.session.scalars(sa.select(Came.user_id).where(Came.session_id == session_id)))


def person_came(session_id: int, user_id: int) -> bool:
    values = {"session_id": session_id, VIEWER.key: user_id}
    return db.session.scalar(built(_came_statement), values) is not None


def _came_statement() -> sa.Select:
    return sa.select(Came.user_id).where(
        Came.session_id == sa.bindparam("session_id"), Came.user_id == VIEWER
    )


def who_came_rows(session: TrainingSession) -> list[tuple[User, bool, bool]]:
    """Everyone going, and anyone marked who had not said: (person, said coming, came)."""
    going = set(
        db.session.scalars(
            sa.select(Booking.user_id).where(
                Booking.session_id == session.id, Booking.status == BookingStatus.GOING
            )
        )
    )
    came = came_ids(session.id)
    people = db.session.scalars(
        sa.select(User).where(User.id.in_(going | came)).order_by(User.display_name, User.id)
    )
    return [(person, person.id in going, person.id in came) for person in people]


def came_row(session: TrainingSession, person_id: int) -> tuple[User, bool, bool]:
    person = db.session.get(User, person_id)
    said = db.session.scalar(
        sa.select(Booking.id).where(
            Booking.session_id == session.id,
            Booking.user_id == person_id,
            Booking.status == BookingStatus.GOING,
        )
    )
    return person, said is not None, person_came(session.id, person_id)


def find_people(session: TrainingSession, words: str, limit: int = 20) -> list[User]:
    """People whose name has these words, who are not on the list already."""
    words = words.strip()[:60]
    if not words:
        return []
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    listed = {person.id for person, _said, _came in who_came_rows(session)}
    return list(
        db.session.scalars(
            sa.select(User)
            .where(
                holders_of(Permission.USE_PORTAL),
                User.display_name.ilike(f"%{escaped}%", escape="\\"),
                User.id.not_in(listed) if listed else sa.true(),
            )
            .order_by(User.display_name, User.id)
            .limit(limit)
        )
    )


def may_be_marked(session: TrainingSession, person_id: int) -> bool:
    """A person can be marked when they can use the portal (a closed account cannot)."""
    return (
        db.session.scalar(
            sa.select(User.id).where(User.id == person_id, holders_of(Permission.USE_PORTAL))
        )
        is not None
    )


def sessions_came_to(user_id: int) -> list[TrainingSession]:
    return list(
        db.session.scalars(
            sa.select(TrainingSession)
            .join(Came, Came.session_id == TrainingSession.id)
            .where(Came.user_id == user_id)
            .order_by(TrainingSession.start_at.desc())
        )
    )


@session_panel
def came_panel(session: TrainingSession, user: User) -> dict:
    """The session page says "You came" to a person marked here."""
    if to_local(session.start_at).date() > to_local(utcnow()).date():
        # Nobody has come to a session whose day is still to come (marking starts that day,
        # can_mark): most session pages a member opens ask nothing here.
        return {"you_came": False}
    return {"you_came": person_came(session.id, user.id)}
