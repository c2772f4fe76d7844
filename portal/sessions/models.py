"""A training or community session, who runs it, and who is coming or waiting.

Named `TrainingSession`, never `Session`, so it cannot be confused with flask.session or the
database session.
"""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.helping import HelpedBy
from portal.accounts.models import User
from portal.extensions import db
from portal.groups.models import Group
from portal.timeutil import utcnow

# The help a member can ask for: code -> (picture, words). Kept in one place for forms and lists.
HELP_NEEDS: dict[str, tuple[str, object]] = {
    "step_free": ("step-free", _l("Step-free access")),
    "companion": ("companion", _l("Someone to come with me")),
    "easy_read": ("easy-read", _l("Easy-read papers")),
    "hearing_loop": ("hearing-loop", _l("Hearing loop")),
    "large_print": ("large-print", _l("Large print")),
    "quiet_space": ("quiet-space", _l("A quiet space")),
    "other": ("idea", _l("Something else")),
}

# Pictures staff can choose for a session (files in static/pictures/).
SESSION_PICTURES: dict[str, object] = {
    "sessions": _l("Learning together"),
    "together": _l("People together"),
    "listen": _l("Listening"),
    "idea": _l("Ideas"),
    "people": _l("A group of people"),
}

session_trainer = sa.Table(
    "session_trainer",
    db.metadata,
    sa.Column(
        "session_id", sa.ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("user_id", sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_session_trainer_user_id", "user_id"),
)


class TrainingSession(db.Model):
    __tablename__ = "training_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(120))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    picture: Mapped[str] = mapped_column(sa.String(40), default="sessions")
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    place_name: Mapped[str] = mapped_column(sa.String(120), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    step_free: Mapped[bool] = mapped_column(default=False)
    hearing_loop: Mapped[bool] = mapped_column(default=False)
    accessible_toilet: Mapped[bool] = mapped_column(default=False)
    access_notes: Mapped[str] = mapped_column(sa.Text, default="")
    bring: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    online_link: Mapped[str | None] = mapped_column(sa.String(300))
    group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member_group.id", ondelete="SET NULL")
    )
    places: Mapped[int]
    cancelled_at: Mapped[datetime | None]
    # Set when staff move the session. Cards say "The time has changed" until the session has
    # happened, to each person who has not opened its page since (SessionSeen).
    time_changed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    group: Mapped[Group | None] = relationship()
    trainers: Mapped[list[User]] = relationship(
        secondary=session_trainer, order_by=User.display_name
    )

    __table_args__ = (
        sa.Index("ix_training_session_start_at", "start_at"),
        sa.Index("ix_training_session_group_id", "group_id"),
    )

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class BookingStatus(enum.StrEnum):
    GOING = "going"
    WAITING = "waiting"
    LEFT = "left"  # kept, so help needs are still there if they come back


class Booking(HelpedBy, db.Model):
    """One person's answer for one session: going, waiting, or not any more."""

    __tablename__ = "session_booking"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_session.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    status: Mapped[BookingStatus] = mapped_column(
        sa.Enum(
            BookingStatus,
            native_enum=False,
            length=10,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    # When the status last changed: the waiting list is in this order.
    status_at: Mapped[datetime] = mapped_column(default=utcnow)
    help_needs: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    help_other: Mapped[str] = mapped_column(sa.String(200), default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    session: Mapped[TrainingSession] = relationship()

    helped_on_change = True  # "I'm coming" again, or new help needs, change the same row

    def help_note(self):
        what = {BookingStatus.GOING: "coming", BookingStatus.WAITING: "waiting"}
        return what.get(self.status, "not_coming"), {"title": self.session.title}

    __table_args__ = (
        sa.UniqueConstraint("session_id", "user_id"),
        sa.Index("ix_session_booking_session_id_status", "session_id", "status", "status_at"),
        sa.Index("ix_session_booking_user_id_status", "user_id", "status"),
    )


class SessionSeen(db.Model):
    """When a person last opened a session's page that told them its time had changed.

    Written only then, so most page views write nothing: a row older than the session's
    `time_changed_at` (or none) means this person has not seen the new time yet.
    """

    __tablename__ = "session_seen"

    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarFeed(db.Model):
    """A person's private calendar address. The token is the only key, so it can be reset."""

    __tablename__ = "calendar_feed"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
