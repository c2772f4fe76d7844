"""People who use the portal, and the browsers they are signed in on."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.timeutil import utcnow


class Role(enum.StrEnum):
    MEMBER = "member"
    CO_TRAINER = "co_trainer"
    STAFF = "staff"
    # Helps members who chose them (portal/accounts/helping.py); acts only with their yes.
    SUPPORTER = "supporter"


class NoticeEmail(enum.StrEnum):
    """How someone with an email address hears about new notices."""

    NONE = "none"
    EACH = "each"
    DAILY = "daily"


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(40), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(80))
    role: Mapped[Role] = mapped_column(
        sa.Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=Role.MEMBER,
    )
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[str | None] = mapped_column(sa.String(8))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    # For sign-in links and, when the person chooses, news by email. Many members have none.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    notice_email: Mapped[NoticeEmail] = mapped_column(
        sa.Enum(
            NoticeEmail,
            native_enum=False,
            length=10,
            values_callable=lambda e: [m.value for m in e],
        ),
        default=NoticeEmail.NONE,
        server_default=NoticeEmail.NONE.value,
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The person asked staff to remove their account (portal/mydata/removal.py), and when
    # staff did: the row stays, with no name, so what others rely on still counts.
    removal_asked_at: Mapped[datetime | None]
    removed_at: Mapped[datetime | None]

    device_sessions: Mapped[list[DeviceSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Set when the user is loaded for a request: which signed-in browser this is.
    device_token = None
    # Set for the request while a supporter helps this member (portal/accounts/helping.py).
    helper = None
    help_scopes = frozenset()
    help_visit = None

    @property
    def is_active(self) -> bool:  # Flask-Login asks this; deactivated people cannot sign in.
        return self.active

    def get_id(self) -> str | None:
        # Flask-Login keeps this in the session and remember cookie. It names the device
        # session, not the user, so ending that one sign-in signs that browser out.
        return self.device_token

    @property
    def is_staff(self) -> bool:
        return self.role == Role.STAFF

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role.value}>"


class DeviceSession(db.Model):
    """One sign-in on one browser. Only a hash of its token is stored."""

    __tablename__ = "device_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    remembered: Mapped[bool] = mapped_column(default=False)
    user_agent: Mapped[str | None] = mapped_column(sa.String(200))
    # How this sign-in happened: "password", "email", or "card:<id>" so revoking a card ends it.
    signed_in_with: Mapped[str | None] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="device_sessions")

    __table_args__ = (sa.Index("ix_device_session_user_id", "user_id"),)


# Staff write the reason in moderation, where notes have the same limit.
SUSPENSION_REASON_MAX = 300


class Suspension(db.Model):
    """A member may not post (raise, support or reply) for now. They can still read and sign in."""

    __tablename__ = "moderation_suspension"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(sa.String(SUSPENSION_REASON_MAX))
    moderator_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SecurityEvent(db.Model):
    """One line of the security log: who, what and when. Never a secret."""

    __tablename__ = "security_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(sa.String(40))
    # Whose account it is about (None when a wrong code matched nobody).
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE")
    )
    # Who did it, when that is someone else (for example staff making a card).
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    address: Mapped[str | None] = mapped_column(sa.String(45))
    detail: Mapped[str | None] = mapped_column(sa.String(120))

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])

    __table_args__ = (
        sa.Index("ix_security_event_at", "at"),
        sa.Index("ix_security_event_user_id", "user_id"),
    )
