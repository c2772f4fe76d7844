"""One-time keys of taps: a tap sent again (a retry after a lost signal) is counted once."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow


class OfflineTap(db.Model):
    """A tap that arrived with a one-time key (`Idempotency-Key`), kept for KEEP_DAYS."""

    __tablename__ = "offline_tap"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
