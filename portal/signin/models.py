"""Sign-in cards, email sign-in links and passkeys. Only hashes of secrets are kept."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow


class LoginCard(db.Model):
    """A printed card with a QR code and a typed code that signs one person in.

    The code is 8 characters. Its first 3 (`lookup`) find the card, so wrong codes can be
    counted per card; the whole code is checked against an Argon2 hash.
    """

    __tablename__ = "login_card"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    lookup: Mapped[str] = mapped_column(sa.String(3))
    code_hash: Mapped[str] = mapped_column(sa.String(255))
    made_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    made_by: Mapped[User | None] = relationship(foreign_keys=[made_by_id])

    __table_args__ = (
        sa.Index("ix_login_card_user_id", "user_id"),
        sa.Index("ix_login_card_lookup", "lookup"),
    )

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class EmailLink(db.Model):
    """A sign-in link sent by email: single use, short-lived, stored as a hash."""

    __tablename__ = "email_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    __table_args__ = (sa.Index("ix_email_link_user_id", "user_id"),)


class Passkey(db.Model):
    """A passkey (WebAuthn credential): the fingerprint or face unlock of a person's phone.

    Only the public key is kept; the secret half never leaves the phone.
    """

    __tablename__ = "passkey"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    credential_id: Mapped[str] = mapped_column(sa.String(1400), unique=True)  # base64url
    public_key: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sign_count: Mapped[int] = mapped_column(default=0)
    device_name: Mapped[str | None] = mapped_column(sa.String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    __table_args__ = (sa.Index("ix_passkey_user_id", "user_id"),)


class PasskeyChallenge(db.Model):
    """A challenge sent to a browser for a passkey, kept until its answer uses it (once).

    Kept here, not in the session cookie: the sign-in page asks for a challenge in the background
    as soon as the username box is used, and an answer setting the cookie could arrive after the
    password sign-in and overwrite it, signing the person out again.
    """

    __tablename__ = "passkey_challenge"

    challenge: Mapped[str] = mapped_column(sa.String(128), primary_key=True)  # base64url
    purpose: Mapped[str] = mapped_column(sa.String(16))  # "sign_in" or "register"
    # Set for "register": only the person it was made for can use it.
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.Index("ix_passkey_challenge_created_at", "created_at"),)
