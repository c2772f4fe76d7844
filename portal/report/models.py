"""What staff chose to show members on "What we did together", and whether members see it yet.

One row: the page tells one story at a time. Staff change it, look at it as members will, then
share it; until then members read "Staff have not shared this yet".
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow

NEXT_WORDS_MAX = 500
CONCERNS_MAX = 6  # concerns that changed things: a poster has room for a few


class StoryChoice(db.Model):
    __tablename__ = "report_story"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_day: Mapped[date]
    to_day: Mapped[date]
    show_numbers: Mapped[bool] = mapped_column(default=True)
    # Concern ids staff picked, in their order. Only concerns on a board for everyone count.
    concern_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    show_next: Mapped[bool] = mapped_column(default=True)  # the next sessions for everyone
    next_words: Mapped[str] = mapped_column(sa.String(NEXT_WORDS_MAX), default="")
    shared_at: Mapped[datetime | None]  # None: members do not see it yet
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
