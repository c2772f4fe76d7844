"""A session's agenda: its items, every change to them, members' suggestions, and who has seen it.

Each item carries a `version`. A save names the version it started from and only wins when that
is still the version in the database, so two people saving at once never lose each other's words.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.concerns.models import Concern
from portal.extensions import db
from portal.timeutil import utcnow

# What kind of part an item is: code -> (picture, words).
ITEM_KINDS: dict[str, tuple[str, Any]] = {
    "talk": ("talk", _l("Talk")),
    "activity": ("activity", _l("Activity")),
    "game": ("game", _l("Game")),
    "break": ("break", _l("Break")),
    "food": ("food", _l("Food")),
}

# Fields copied into history and compared in a conflict.
ITEM_FIELDS = ("title", "description", "minutes", "kind", "leaders", "concern_id")


def _enum(cls: type[enum.Enum], length: int) -> sa.Enum:
    return sa.Enum(
        cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class Agenda(db.Model):
    """One agenda per session. `version` goes up with every change, for live updates."""

    __tablename__ = "agenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_session.id", ondelete="CASCADE"), unique=True
    )
    version: Mapped[int] = mapped_column(default=1)
    published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AgendaItem(db.Model):
    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda.id", ondelete="CASCADE"))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(20), default="talk")
    # Who leads it: names, typed in or picked from the people running the session.
    leaders: Mapped[str] = mapped_column(sa.String(200), default="")
    # The concern (portal/concerns) this part is about, if any.
    concern_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concern.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]
    # Set when the item changes after the agenda was published: "Changed since you last looked".
    changed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    concern: Mapped[Concern | None] = relationship(lazy="joined")

    __table_args__ = (sa.Index("ix_agenda_item_agenda_id_position", "agenda_id", "position"),)

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ITEM_FIELDS}


class ChangeAction(enum.StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    MOVED = "moved"
    DELETED = "deleted"
    PUT_BACK = "put_back"


class AgendaChange(db.Model):
    """History: who changed which item, when, and what it said afterwards."""

    __tablename__ = "agenda_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_item.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    action: Mapped[ChangeAction] = mapped_column(_enum(ChangeAction, 10))
    item_version: Mapped[int]
    snapshot: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.Index("ix_agenda_change_agenda_id", "agenda_id", "created_at"),
        sa.Index("ix_agenda_change_item_id", "item_id"),
    )


class SuggestionStatus(enum.StrEnum):
    WAITING = "waiting"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class AgendaSuggestion(db.Model):
    """A member's "I want to talk about ..." for a session's agenda."""

    __tablename__ = "agenda_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(sa.String(80))
    details: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[SuggestionStatus] = mapped_column(
        _enum(SuggestionStatus, 10), default=SuggestionStatus.WAITING
    )
    reply: Mapped[str] = mapped_column(sa.String(300), default="")
    # A member can pick a concern with lots of support instead of writing their own idea.
    concern_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concern.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    concern: Mapped[Concern | None] = relationship()

    __table_args__ = (sa.Index("ix_agenda_suggestion_agenda_id", "agenda_id", "status"),)


class AgendaSeen(db.Model):
    """When a person last looked at a published agenda."""

    __tablename__ = "agenda_seen"

    agenda_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
