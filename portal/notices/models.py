"""A notice: something that happened that one person should hear about."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow


class Notice(db.Model):
    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    # The kind names an entry its feature registered in portal/notices/kinds.py; its words are
    # chosen when shown, in the reader's language, from these parameters.
    kind: Mapped[str] = mapped_column(sa.String(60))
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    # Email delivery: a sender claims a notice before sending, so two senders never both send
    # it; a claim older than a few minutes is taken to have died and may be claimed again.
    email_claimed_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]
    email_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set for notices that must exist at most once, such as one reminder per session and person.
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(120), unique=True)

    __table_args__ = (
        # The header's unread count and the What's new page both start from these columns.
        sa.Index("ix_notice_user_id_read_at", "user_id", "read_at"),
        sa.Index("ix_notice_user_id_created_at", "user_id", "created_at"),
        sa.Index("ix_notice_emailed_at", "emailed_at"),
    )


class EmailDigest(db.Model):
    """One daily summary per person per day: the unique key stops a second sender."""

    __tablename__ = "email_digest"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True)
    sent_at: Mapped[datetime | None]
