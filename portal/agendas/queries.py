"""Reads for agendas, eager-loaded. The agenda with its start times is in timed.py, the
history's reads are in history.py."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import defaultload, joinedload, lazyload

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can
from portal.agendas.backing import backing_order
from portal.agendas.models import (
    Agenda,
    AgendaItem,
    AgendaSeen,
    AgendaSuggestion,
    SuggestionStatus,
    agenda_item_leader,
)
from portal.extensions import db
from portal.sessions.models import session_trainer
from portal.statements import VIEWER, built


def find_agenda(session_id: int) -> Agenda | None:
    return db.session.scalar(sa.select(Agenda).where(Agenda.session_id == session_id))


def agenda_for_reading(
    session_id: int, user: User
) -> tuple[Agenda | None, datetime | None, list[AgendaItem], dict[int, list[str]]]:
    """The session's agenda, when this person last looked at it, its parts (those taken off
    since that look too) and the names of each part's leaders with an account, for the
    session page: one query. Their AgendaSeen row comes into the session, so marking it seen
    again reads nothing more; the parts' leaders are not loaded as people, only their names
    (loading each part's people was half the agenda's read time), in the order
    AgendaItem.leader_names gives them."""
    rows = db.session.execute(
        built(_agenda_reading_statement), {"session_id": session_id, VIEWER.key: user.id}
    ).all()
    if not rows:
        return None, None, [], {}
    agenda, seen, _, _ = rows[0]
    items: dict[int, AgendaItem] = {}
    names: dict[int, list[str]] = {}
    # A part comes once for each of its leaders with an account (or once, with none).
    for _, _, item, name in rows:
        if item is None:
            continue
        items.setdefault(item.id, item)
        if name is not None:
            names.setdefault(item.id, []).append(name)
    return agenda, seen.seen_at if seen is not None else None, list(items.values()), names


def _agenda_reading_statement() -> sa.Select:
    from portal.concerns.models import Concern

    seen = sa.and_(AgendaSeen.agenda_id == Agenda.id, AgendaSeen.user_id == VIEWER)
    # Live parts, and those taken off after the last look (none when never looked).
    shown = sa.or_(AgendaItem.deleted_at.is_(None), AgendaItem.deleted_at > AgendaSeen.seen_at)
    return (
        sa.select(Agenda, AgendaSeen, AgendaItem, User.display_name)
        .outerjoin(AgendaSeen, seen)
        .outerjoin(AgendaItem, sa.and_(AgendaItem.agenda_id == Agenda.id, shown))
        .outerjoin(agenda_item_leader, agenda_item_leader.c.item_id == AgendaItem.id)
        .outerjoin(User, User.id == agenda_item_leader.c.user_id)
        # Nor who helped raise a part's concern (its own page shows that).
        .options(
            lazyload(AgendaItem.leader_people),
            defaultload(AgendaItem.concern).lazyload(Concern.helped_by),
        )
        .where(Agenda.session_id == sa.bindparam("session_id"))
        .order_by(AgendaItem.position, AgendaItem.id, User.display_name)
    )


def live_items(agenda_id: int) -> list[AgendaItem]:
    return list(
        db.session.scalars(
            sa.select(AgendaItem)
            .where(AgendaItem.agenda_id == agenda_id, AgendaItem.deleted_at.is_(None))
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def visible_concern_ids(user: User, concern_ids: set[int]) -> set[int]:
    """Which of these concerns this person may see, in one query."""
    from portal.concerns.models import Board, Concern
    from portal.concerns.visibility import board_filter, concern_filter

    if not concern_ids:
        return set()
    query = (
        sa.select(Concern.id)
        .join(Board, Board.id == Concern.board_id)
        .where(Concern.id.in_(concern_ids), board_filter(user), concern_filter(user))
    )
    return set(db.session.scalars(query))


def get_item(agenda: Agenda, item_id: int) -> AgendaItem | None:
    return db.session.scalar(
        sa.select(AgendaItem).where(AgendaItem.id == item_id, AgendaItem.agenda_id == agenda.id)
    )


def item_versions(agenda: Agenda, item_ids: set[int]) -> dict[int, int]:
    """Each item's version now, in one query."""
    if not item_ids:
        return {}
    rows = db.session.execute(
        sa.select(AgendaItem.id, AgendaItem.version).where(
            AgendaItem.agenda_id == agenda.id, AgendaItem.id.in_(item_ids)
        )
    )
    return {row.id: row.version for row in rows}


def waiting_suggestions(agenda: Agenda) -> list[AgendaSuggestion]:
    return list(
        db.session.scalars(
            sa.select(AgendaSuggestion)
            .options(joinedload(AgendaSuggestion.user), joinedload(AgendaSuggestion.concern))
            .where(
                AgendaSuggestion.agenda_id == agenda.id,
                AgendaSuggestion.status == SuggestionStatus.WAITING,
            )
            # Most backed by members first (issue 17), then oldest first.
            .order_by(backing_order(), AgendaSuggestion.created_at, AgendaSuggestion.id)
        )
    )


def own_suggestions(agenda: Agenda, user: User) -> list[AgendaSuggestion]:
    return list(
        db.session.scalars(
            sa.select(AgendaSuggestion)
            .where(AgendaSuggestion.agenda_id == agenda.id, AgendaSuggestion.user_id == user.id)
            .order_by(AgendaSuggestion.created_at.desc())
        )
    )


def get_suggestion(agenda: Agenda, suggestion_id: int) -> AgendaSuggestion | None:
    return db.session.scalar(
        sa.select(AgendaSuggestion).where(
            AgendaSuggestion.id == suggestion_id, AgendaSuggestion.agenda_id == agenda.id
        )
    )


def may_edit_version(user: User, session_id: int) -> tuple[int, int] | None:
    """For the live poll, in one query: the agenda's id and version, if this person runs it."""
    query = sa.select(Agenda.id, Agenda.version).where(Agenda.session_id == session_id)
    if not can(user, Permission.RUN_ANY_SESSION):
        query = query.join(
            session_trainer,
            sa.and_(
                session_trainer.c.session_id == Agenda.session_id,
                session_trainer.c.user_id == user.id,
            ),
        )
    row = db.session.execute(query).first()
    return (row[0], row[1]) if row else None


def top_concerns(user: User, limit: int = 10, include_id: int | None = None) -> list:
    """Concerns with the most support that this person can see, still being talked about.

    `include_id` keeps an item's current concern in the list even when it has moved on.
    """
    from portal.concerns.models import Board, Concern, Review, Status
    from portal.concerns.visibility import board_filter, concern_filter

    query = (
        sa.select(Concern)
        .join(Board, Board.id == Concern.board_id)
        .where(
            board_filter(user),
            concern_filter(user),
            Board.archived_at.is_(None),
            Concern.review == Review.SHOWN,
            Concern.status.in_([Status.NEW, Status.TALKING]),
        )
        .order_by(Concern.support_count.desc(), Concern.id.desc())
        .limit(limit)
    )
    concerns = list(db.session.scalars(query))
    missing = include_id and all(concern.id != include_id for concern in concerns)
    if missing and include_id in visible_concern_ids(user, {include_id}):
        concerns.append(db.session.get(Concern, include_id))
    return concerns
