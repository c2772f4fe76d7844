"""Boards, concerns, supports, updates, replies and drafts."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.helping import HelpedBy
from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow

TITLE_MAX = 120
DETAILS_MAX = 2000
PLACE_MAX = 200
REPLY_MAX = 500
UPDATE_MAX = 500
REASON_MAX = 300


def _enum(kind: type[enum.Enum], length: int = 20) -> sa.Enum:
    return sa.Enum(
        kind, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class Status(enum.StrEnum):
    """Where a concern is. The order here is the order things usually happen in."""

    NEW = "new"
    TALKING = "talking"
    AGENDA = "agenda"
    ACTION = "action"
    DONE = "done"
    CLOSED = "closed"


class Review(enum.StrEnum):
    """Who can see a concern. Moderation (a later issue) adds its own states and decisions."""

    SHOWN = "shown"  # everyone who can see the board
    WAITING = "waiting"  # the board says staff check new concerns first: only the author and staff
    HIDDEN = "hidden"  # taken off the board: only the author and staff


class ModerationFields:
    """What staff decided about a concern or a reply, kept on the item so its author sees why."""

    # A reason key from portal.moderation.labels.HIDE_REASONS, and a note to the author.
    moderation_reason: Mapped[str | None] = mapped_column(sa.String(20))
    moderation_note: Mapped[str | None] = mapped_column(sa.String(REASON_MAX))
    # Hidden by reports (not yet by a person): staff decide what happens next.
    auto_hidden: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Staff rewrote it in easy read: when. The author's own words are kept (original_*).
    clarified_at: Mapped[datetime | None]


class Board(db.Model):
    __tablename__ = "concern_board"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    picture: Mapped[str] = mapped_column(sa.String(40))
    position: Mapped[int] = mapped_column(default=0)
    # None: for everyone. Otherwise only for the members of this group (and staff).
    group_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member_group.id", ondelete="RESTRICT")
    )
    check_first: Mapped[bool] = mapped_column(default=False)
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # How many of its concerns everyone can see (shown, not merged), and how many staff can see
    # (not merged), for the Concerns page. Kept by the database's own triggers on `concern`
    # (migration 0026), so every way a concern is raised, checked, hidden, merged, moved or
    # deleted keeps them right, and the app never writes them.
    shown_concerns: Mapped[int] = mapped_column(
        server_default=sa.text("0"), info={"kept_by_database": True}
    )
    open_concerns: Mapped[int] = mapped_column(
        server_default=sa.text("0"), info={"kept_by_database": True}
    )

    group = relationship("Group", lazy="joined")

    __table_args__ = (sa.Index("ix_concern_board_position", "position"),)


class Concern(ModerationFields, HelpedBy, db.Model):
    helped_owner = "author_id"

    __tablename__ = "concern"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(sa.ForeignKey("concern_board.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    details: Mapped[str | None] = mapped_column(sa.Text)
    place: Mapped[str | None] = mapped_column(sa.String(PLACE_MAX))
    picture: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.NEW)
    closed_reason: Mapped[str | None] = mapped_column(sa.String(REASON_MAX))
    review: Mapped[Review] = mapped_column(_enum(Review), default=Review.SHOWN)
    # Kept in step with the support table by the same statement that adds or removes a support,
    # so the board can sort 20,000 concerns by support without counting them every time.
    support_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    original_title: Mapped[str | None] = mapped_column(sa.String(TITLE_MAX))
    original_details: Mapped[str | None] = mapped_column(sa.Text)
    # Locked by staff: nobody can support it or reply any more.
    locked_at: Mapped[datetime | None]
    # Merged into another concern (a duplicate): its old address leads there.
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("concern.id", ondelete="SET NULL")
    )

    board: Mapped[Board] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])

    def help_note(self):
        return "concern", {"title": self.title}

    __table_args__ = (
        sa.Index("ix_concern_board_support", "board_id", "support_count", "id"),
        sa.Index("ix_concern_board_created", "board_id", "created_at", "id"),
        sa.Index("ix_concern_author_id", "author_id"),
    )


class Support(db.Model):
    """One person supports one concern. The primary key makes a second support impossible."""

    __tablename__ = "concern_support"

    concern_id: Mapped[int] = mapped_column(
        sa.ForeignKey("concern.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Written with plain SQL (insert-or-ignore), so stamped by hand: helping.helper_id().
    helped_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    __table_args__ = (sa.Index("ix_concern_support_user_id", "user_id"),)


class ConcernUpdate(db.Model):
    """Staff or a co-trainer says what is happening, and may change the status."""

    __tablename__ = "concern_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(sa.ForeignKey("concern.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    status: Mapped[Status] = mapped_column(_enum(Status))
    words: Mapped[str] = mapped_column(sa.String(UPDATE_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()

    __table_args__ = (sa.Index("ix_concern_update_concern_id", "concern_id"),)


class Reply(ModerationFields, HelpedBy, db.Model):
    """A member's short reply under a concern ("Me too: this happened to me...")."""

    __tablename__ = "concern_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(sa.ForeignKey("concern.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    words: Mapped[str] = mapped_column(sa.String(REPLY_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    hidden_at: Mapped[datetime | None]  # hidden by staff or by reports: only its author sees it
    original_words: Mapped[str | None] = mapped_column(sa.String(REPLY_MAX))

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    concern: Mapped[Concern] = relationship()

    helped_owner = "author_id"

    def help_note(self):
        return "reply", {"title": self.concern.title}

    __table_args__ = (sa.Index("ix_concern_reply_concern_id", "concern_id"),)


class ConcernDraft(db.Model):
    """The answers so far while someone raises a concern: one per person per board.

    Saved at every step, so a lost connection or a long pause loses nothing.
    """

    __tablename__ = "concern_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    board_id: Mapped[int] = mapped_column(sa.ForeignKey("concern_board.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.String(400), default="")
    details: Mapped[str] = mapped_column(sa.Text, default="")
    place: Mapped[str] = mapped_column(sa.String(400), default="")
    picture: Mapped[str] = mapped_column(sa.String(40), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("user_id", "board_id", name="uq_concern_draft_user_board"),
    )
