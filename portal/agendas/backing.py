"""Members back each other's ideas for a session's agenda: the same one-tap toggle as concern
support. One row per person and idea (the primary key), so a double tap or many taps at once
can never count anyone twice; the count is always the rows themselves."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, joinedload, mapped_column

from portal.accounts.helping import HelpedBy, helped_by_for, note_help
from portal.accounts.models import User
from portal.agendas.models import Agenda, AgendaSuggestion, SuggestionStatus
from portal.database import insert_or_ignore
from portal.extensions import db
from portal.timeutil import utcnow


class IdeaBacking(HelpedBy, db.Model):
    __tablename__ = "agenda_idea_backing"

    suggestion_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_suggestion.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.Index("ix_agenda_idea_backing_user_id", "user_id"),)


class NotBackable(Exception):
    """The idea is answered already, or it is this person's own."""


def set_backing(suggestion: AgendaSuggestion, user: User, backed: bool) -> bool:
    """Back an idea, or take the backing back. True when something changed.

    The form says the state it wants (not "toggle"), so a double tap is harmless. Taking
    backing back is always allowed; backing only a waiting idea that is someone else's.
    """
    if backed:
        if suggestion.status != SuggestionStatus.WAITING or suggestion.user_id == user.id:
            raise NotBackable
        statement = insert_or_ignore(
            IdeaBacking,
            {
                "suggestion_id": suggestion.id,
                "user_id": user.id,
                "created_at": utcnow(),
                "helped_by_id": helped_by_for(user.id),
            },
        )
    else:
        statement = sa.delete(IdeaBacking).where(
            IdeaBacking.suggestion_id == suggestion.id, IdeaBacking.user_id == user.id
        )
    if db.session.execute(statement.returning(IdeaBacking.user_id)).first() is None:
        return False
    title = suggestion.title
    note_help(lambda: ("back_idea" if backed else "unback_idea", {"title": title}))
    return True


def backing_counts(suggestion_ids: Iterable[int]) -> dict[int, int]:
    ids = list(suggestion_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(IdeaBacking.suggestion_id, sa.func.count())
        .where(IdeaBacking.suggestion_id.in_(ids))
        .group_by(IdeaBacking.suggestion_id)
    )
    return dict.fromkeys(ids, 0) | {row[0]: row[1] for row in rows}


def backed_by(user: User, suggestion_ids: Iterable[int]) -> set[int]:
    ids = list(suggestion_ids)
    if not ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(IdeaBacking.suggestion_id).where(
                IdeaBacking.user_id == user.id, IdeaBacking.suggestion_id.in_(ids)
            )
        )
    )


def backer_ids(suggestion_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(IdeaBacking.user_id).where(IdeaBacking.suggestion_id == suggestion_id)
        )
    )


def backing_order():
    """An ORDER BY for suggestions: most backed first (for the people planning)."""
    count = (
        sa.select(sa.func.count())
        .where(IdeaBacking.suggestion_id == AgendaSuggestion.id)
        .correlate(AgendaSuggestion)
        .scalar_subquery()
    )
    return count.desc()


def others_ideas(agenda: Agenda, user: User) -> list[AgendaSuggestion]:
    """Waiting ideas from other members that this person can back, most backed first. The
    names of who sent them are not shown to other members."""
    return list(
        db.session.scalars(
            sa.select(AgendaSuggestion)
            .options(joinedload(AgendaSuggestion.concern))
            .where(
                AgendaSuggestion.agenda_id == agenda.id,
                AgendaSuggestion.status == SuggestionStatus.WAITING,
                AgendaSuggestion.user_id != user.id,
            )
            .order_by(backing_order(), AgendaSuggestion.created_at, AgendaSuggestion.id)
        )
    )


def ideas_to_back(agenda: Agenda, user: User) -> dict:
    """What the ideas page needs to show other members' ideas with their backing."""
    others = others_ideas(agenda, user)
    ids = [idea.id for idea in others]
    return {
        "others": others,
        "backing_counts": backing_counts(ids),
        "backed_ids": backed_by(user, ids),
    }
