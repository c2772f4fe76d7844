"""Which of a removed person's words stay (as "A member") and which go.

Words stay where someone else took part, so a conversation still makes sense and what others
did still counts; words nobody else touched go.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from portal.accounts.models import User
from portal.agendas.backing import IdeaBacking
from portal.agendas.models import AgendaItem, AgendaSuggestion, SuggestionStatus
from portal.concerns.models import Concern, ConcernUpdate, Reply, Support
from portal.extensions import db
from portal.moderation.models import Merge, Report


def _reported(kind: str, ids) -> sa.ColumnElement:
    return sa.exists().where(Report.item_kind == kind, Report.item_id == ids)


def _others_in_concern(person: User) -> sa.ColumnElement:
    """True for a concern someone else replied to, supported, reported, or that was used."""
    concern = Concern.id
    merged = aliased(Concern)
    return sa.or_(
        sa.exists().where(Reply.concern_id == concern, Reply.author_id != person.id),
        sa.exists().where(Support.concern_id == concern, Support.user_id != person.id),
        sa.exists().where(ConcernUpdate.concern_id == concern),
        sa.exists().where(AgendaItem.concern_id == concern),
        sa.exists().where(AgendaSuggestion.concern_id == concern),
        sa.exists().where(sa.or_(Merge.kept_id == concern, Merge.merged_id == concern)),
        sa.exists().where(merged.merged_into_id == concern),
        _reported("concern", concern),
    )


def _remove_concerns(person: User) -> None:
    lonely = sa.select(Concern.id).where(
        Concern.author_id == person.id, sa.not_(_others_in_concern(person))
    )
    ids = list(db.session.scalars(lonely))
    if not ids:
        return
    # SQLite does not cascade: take away what hangs on them first (only the person's own).
    db.session.execute(sa.delete(Reply).where(Reply.concern_id.in_(ids)))
    db.session.execute(sa.delete(Support).where(Support.concern_id.in_(ids)))
    db.session.execute(sa.delete(Concern).where(Concern.id.in_(ids)))


def _remove_replies(person: User) -> None:
    later = aliased(Reply)
    followed = sa.exists().where(
        later.concern_id == Reply.concern_id,
        later.author_id != person.id,
        later.created_at >= Reply.created_at,
    )
    lonely = sa.select(Reply.id).where(
        Reply.author_id == person.id, sa.not_(followed), sa.not_(_reported("reply", Reply.id))
    )
    ids = list(db.session.scalars(lonely))
    if ids:
        db.session.execute(sa.delete(Reply).where(Reply.id.in_(ids)))


def _remove_ideas(person: User) -> None:
    backed = sa.exists().where(
        IdeaBacking.suggestion_id == AgendaSuggestion.id, IdeaBacking.user_id != person.id
    )
    lonely = sa.select(AgendaSuggestion.id).where(
        AgendaSuggestion.user_id == person.id,
        AgendaSuggestion.status == SuggestionStatus.WAITING,
        AgendaSuggestion.item_id.is_(None),
        sa.not_(backed),
    )
    ids = list(db.session.scalars(lonely))
    if ids:
        db.session.execute(sa.delete(IdeaBacking).where(IdeaBacking.suggestion_id.in_(ids)))
        db.session.execute(sa.delete(AgendaSuggestion).where(AgendaSuggestion.id.in_(ids)))


def concerns_replies_and_ideas(person: User) -> None:
    _remove_replies(person)
    _remove_concerns(person)
    _remove_ideas(person)
    db.session.expire_all()  # rows deleted in SQL: nothing stale stays in the session
