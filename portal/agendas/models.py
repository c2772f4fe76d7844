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

from portal.accounts.helping import HelpedBy
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

# Pictures a co-trainer can choose for an item: name -> words. "" means "the kind's picture".
ITEM_PICTURES: dict[str, Any] = {
    "talk": _l("People talking"),
    "listen": _l("Listening"),
    "idea": _l("An idea"),
    "people": _l("A group of people"),
    "together": _l("Working together"),
    "welcome": _l("Welcome"),
    "activity": _l("Doing something"),
    "game": _l("A game"),
    "break": _l("A cup of tea"),
    "food": _l("Food"),
    "concerns": _l("Speech bubbles"),
    "work": _l("Work"),
    "money": _l("Money"),
    "health": _l("Health"),
    "home": _l("Home"),
    "bus": _l("A bus"),
    "park": _l("A park"),
    "safe": _l("Keeping safe"),
}

# Fields copied into history and compared in a conflict. `leader_ids` are the people who lead
# it (accounts); `leaders` are names typed in for anyone else.
ITEM_FIELDS = (
    "title",
    "description",
    "minutes",
    "kind",
    "picture",
    "leader_ids",
    "leaders",
    "concern_id",
)
# Fields that are plain columns of agenda_item (leader_ids is a table of its own).
COLUMN_FIELDS = tuple(name for name in ITEM_FIELDS if name != "leader_ids")

agenda_item_leader = sa.Table(
    "agenda_item_leader",
    db.metadata,
    sa.Column("item_id", sa.ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_agenda_item_leader_user_id", "user_id"),
)


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
    # When the people going were first told it is ready (publishing again tells nobody).
    announced_at: Mapped[datetime | None]
    # The version they were last told about, so "Tell people it changed" sends once a change.
    told_version: Mapped[int | None]
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
    # A picture chosen for this item; "" shows the picture of its kind.
    picture: Mapped[str] = mapped_column(sa.String(30), default="", server_default="")
    # Names typed in for leaders without an account here (people with one are `leader_people`).
    leaders: Mapped[str] = mapped_column(sa.String(200), default="")
    # The concern (portal/concerns) this part is about, if any.
    concern_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concern.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None]
    # Set when the item changes after the agenda was published: "Changed since you last looked".
    changed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Made from the add form's one-time token and the words sent (forms.AddItemForm.add_key):
    # the same form sent twice (a double tap, or again after a lost connection) finds this item
    # instead of adding a second one.
    add_key: Mapped[str | None] = mapped_column(sa.String(64))

    concern: Mapped[Concern | None] = relationship(lazy="joined")
    leader_people: Mapped[list[User]] = relationship(
        secondary=agenda_item_leader, order_by=User.display_name, lazy="selectin"
    )

    __table_args__ = (
        sa.Index("ix_agenda_item_agenda_id_position", "agenda_id", "position"),
        # Unique in the database, so two workers adding the same form at once make one item.
        sa.Index("uq_agenda_item_add_key", "agenda_id", "add_key", unique=True),
    )

    @property
    def leader_ids(self) -> list[int]:
        return sorted(person.id for person in self.leader_people)

    @property
    def leader_names(self) -> list[str]:
        """Everyone who leads it: people with an account first, then the names typed in."""
        return [person.display_name for person in self.leader_people] + typed_names(self.leaders)

    @property
    def shown_picture(self) -> str:
        return self.picture or ITEM_KINDS.get(self.kind, ITEM_KINDS["talk"])[0]

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ITEM_FIELDS}

    def snapshot(self) -> dict[str, Any]:
        """What history keeps: the values, and the leaders' names as they were then."""
        return {**self.values(), "leader_names": self.leader_names, "position": self.position}


def typed_names(text: str) -> list[str]:
    """Names typed in one box, split at commas: "Mo, Jan" is two people."""
    return [name.strip() for name in (text or "").split(",") if name.strip()]


class ChangeAction(enum.StrEnum):
    ADDED = "added"
    CHANGED = "changed"
    MOVED = "moved"
    DELETED = "deleted"
    PUT_BACK = "put_back"
    # The whole agenda, not one item: members could see it from then, or not any more.
    PUBLISHED = "published"
    DRAFT = "draft"


class AgendaChange(db.Model):
    """History: who changed which item, when, and what it said afterwards; and who let members
    see the agenda or made it a draft again (no item, no version, an empty snapshot)."""

    __tablename__ = "agenda_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("agenda_item.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    action: Mapped[ChangeAction] = mapped_column(_enum(ChangeAction, 10))
    item_version: Mapped[int | None]
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


class AgendaSuggestion(HelpedBy, db.Model):
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
    # If the concern goes, the idea and its answer stay (its title was copied in).
    concern_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concern.id", ondelete="SET NULL"))
    item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    concern: Mapped[Concern | None] = relationship()

    def help_note(self):
        return "idea", {"title": self.title}

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
