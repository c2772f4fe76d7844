"""The steps toward co-training staff set, Train the trainers sessions, parts members led, and
invitations to become a co-trainer."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow

# kind -> picture. What each kind counts is in progress.py; its words are `LearningStep.words`.
STEP_KINDS: dict[str, str] = {
    "sessions": "sessions",
    "train_the_trainers": "listen",
    "led_parts": "talk",
}


# What staff choose from, before they say how many.
STEP_CHOICES: dict[str, object] = {
    "sessions": _l("Come to sessions"),
    "train_the_trainers": _l("Come to Train the trainers sessions"),
    "led_parts": _l("Lead a part of a session"),
}


def step_words(kind: str, number: int) -> str:
    """ "Come to 3 sessions": a step in words, in the reader's language."""
    if kind == "sessions":
        return ngettext("Come to %(num)s session", "Come to %(num)s sessions", number)
    if kind == "train_the_trainers":
        return ngettext(
            "Come to %(num)s Train the trainers session",
            "Come to %(num)s Train the trainers sessions",
            number,
        )
    return ngettext(
        "Lead a part of a session %(num)s time",
        "Lead a part of a session %(num)s times",
        number,
    )


class LearningStep(db.Model):
    __tablename__ = "learning_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def picture(self) -> str:
        return STEP_KINDS.get(self.kind, "work")

    @property
    def words(self) -> str:
        return step_words(self.kind, self.number)


class TrainTheTrainers(db.Model):
    """A session staff marked as one of the Train the trainers sessions."""

    __tablename__ = "learning_ttt_session"

    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_session.id", ondelete="CASCADE"), primary_key=True
    )


class LedPart(db.Model):
    """A trainer recorded that this person led this part of an agenda."""

    __tablename__ = "learning_led_part"

    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_item.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    recorded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.Index("ix_learning_led_part_user_id", "user_id"),)


class CoTrainerInvite(db.Model):
    """Staff invite a member to become a co-trainer; they accept or say "not now"."""

    __tablename__ = "cotrainer_invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    invited_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str | None] = mapped_column(sa.String(10))  # "accepted", "not_now" or "closed"
    answered_at: Mapped[datetime | None]

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    __table_args__ = (sa.Index("ix_cotrainer_invite_user_id", "user_id", "answer"),)
