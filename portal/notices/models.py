"""A notice: something that happened that one person should hear about."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow


class Notice(db.Model):
    __tablename__ = "notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    # The kind names an entry in portal/notices/kinds.py; its words are chosen when shown, in
    # the reader's language, from these parameters.
    kind: Mapped[str] = mapped_column(sa.String(60))
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]

    __table_args__ = (
        # The header's unread count and the What's new page both start from these columns.
        sa.Index("ix_notice_user_id_read_at", "user_id", "read_at"),
        sa.Index("ix_notice_user_id_created_at", "user_id", "created_at"),
    )
