"""Reports from members, the append-only moderation log, and merges that can be undone."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow

NOTE_MAX = 300
TEXT_MAX = 4000
CONCERN = "concern"
REPLY = "reply"
ITEM_KINDS = (CONCERN, REPLY)


class Report(db.Model):
    """A member tells staff about a concern or a reply. One per member per item."""

    __tablename__ = "moderation_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_kind: Mapped[str] = mapped_column(sa.String(10))  # "concern" or "reply"
    item_id: Mapped[int]
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(sa.String(20))  # a key of labels.REPORT_REASONS
    note: Mapped[str | None] = mapped_column(sa.String(NOTE_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    dealt_at: Mapped[datetime | None]  # staff looked at it and decided

    __table_args__ = (
        sa.UniqueConstraint(
            "item_kind", "item_id", "reporter_id", name="uq_moderation_report_once"
        ),
        sa.Index("ix_moderation_report_open", "dealt_at", "created_at"),
        sa.Index("ix_moderation_report_item", "item_kind", "item_id", "dealt_at"),
    )


class LogEntry(db.Model):
    """One thing staff (or the portal, for automatic hiding) did. Never changed or deleted.

    The migration adds triggers that refuse UPDATE and DELETE on this table, on PostgreSQL and
    SQLite alike, so even a mistake in our own code cannot rewrite the record.
    """

    __tablename__ = "moderation_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    moderator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(sa.String(20))  # a key of labels.ACTIONS
    item_kind: Mapped[str] = mapped_column(sa.String(10))  # concern, reply or person
    item_id: Mapped[int]
    reason: Mapped[str | None] = mapped_column(sa.String(NOTE_MAX))
    note: Mapped[str | None] = mapped_column(sa.String(NOTE_MAX))
    before_text: Mapped[str | None] = mapped_column(sa.Text)
    after_text: Mapped[str | None] = mapped_column(sa.Text)

    moderator: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.Index("ix_moderation_log_created", "created_at", "id"),
        sa.Index("ix_moderation_log_item", "item_kind", "item_id"),
    )


class Merge(db.Model):
    """One concern merged into another, with what moved, so it can be undone exactly."""

    __tablename__ = "moderation_merge"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(sa.ForeignKey("concern.id", ondelete="CASCADE"))
    merged_id: Mapped[int] = mapped_column(sa.ForeignKey("concern.id", ondelete="CASCADE"))
    moderator_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None]
    reply_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    update_ids: Mapped[list] = mapped_column(sa.JSON, default=list)
    # What the merged concern looked like before, to put back on undo.
    merged_review: Mapped[str] = mapped_column(sa.String(20))
    merged_support_count: Mapped[int]

    __table_args__ = (sa.Index("ix_moderation_merge_merged_id", "merged_id"),)


class MergedSupport(db.Model):
    """Each supporter of the merged concern at the moment of the merge.

    `moved` is True when the supporter was added to the kept concern by the merge (they did not
    support it already), so undo takes exactly those supports away again.
    """

    __tablename__ = "moderation_merged_support"

    merge_id: Mapped[int] = mapped_column(
        sa.ForeignKey("moderation_merge.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime]
    moved: Mapped[bool]


# The triggers the migration 0010_moderation creates (copied there, frozen). Tests use them to
# empty the log between tests: on SQLite the triggers are dropped, the rows deleted, and the
# triggers made again; on PostgreSQL TRUNCATE (which the row triggers do not see) empties it.
LOG_TRIGGERS = {
    "sqlite": [
        """CREATE TRIGGER moderation_log_no_update BEFORE UPDATE ON moderation_log
        BEGIN SELECT RAISE(ABORT, 'moderation_log is append-only'); END""",
        """CREATE TRIGGER moderation_log_no_delete BEFORE DELETE ON moderation_log
        BEGIN SELECT RAISE(ABORT, 'moderation_log is append-only'); END""",
    ],
}


def empty_log_for_tests(connection) -> None:
    """Only for tests and benchmarks: the portal itself never removes log entries."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("TRUNCATE moderation_log"))
        return
    connection.execute(sa.text("DROP TRIGGER IF EXISTS moderation_log_no_update"))
    connection.execute(sa.text("DROP TRIGGER IF EXISTS moderation_log_no_delete"))
    connection.execute(sa.text("DELETE FROM moderation_log"))
    for statement in LOG_TRIGGERS["sqlite"]:
        connection.execute(sa.text(statement))
