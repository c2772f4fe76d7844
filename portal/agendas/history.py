"""Reads of an agenda's history: the latest changes, a page of them with what each changed, and
what a part said at a version (for the conflict screen and Put this back)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.agendas.conflicts import changed_fields
from portal.agendas.models import Agenda, AgendaChange
from portal.extensions import db


def history(agenda: Agenda, item_id: int | None = None, limit: int = 100) -> list[AgendaChange]:
    query = (
        sa.select(AgendaChange)
        .options(joinedload(AgendaChange.user))
        .where(AgendaChange.agenda_id == agenda.id)
        .order_by(AgendaChange.created_at.desc(), AgendaChange.id.desc())
        .limit(limit)
    )
    if item_id is not None:
        query = query.where(AgendaChange.item_id == item_id)
    return list(db.session.scalars(query))


@dataclass
class HistoryRow:
    change: AgendaChange
    changed: list[str]  # the fields this change changed, by their names in the form


def history_page(
    agenda: Agenda, item_id: int | None = None, before: int | None = None, size: int = 50
) -> tuple[list[HistoryRow], int | None]:
    """One page of history, newest first, each with what it changed; and where older changes
    start (None when this is the oldest page). Every change stays reachable."""
    previous = (
        sa.func.lag(AgendaChange.snapshot)
        .over(partition_by=AgendaChange.item_id, order_by=AgendaChange.id)
        .label("previous")
    )
    ranked = sa.select(AgendaChange.id, previous).where(AgendaChange.agenda_id == agenda.id)
    if item_id is not None:
        ranked = ranked.where(AgendaChange.item_id == item_id)
    ranked = ranked.subquery()
    query = (
        sa.select(AgendaChange, ranked.c.previous)
        .join(ranked, ranked.c.id == AgendaChange.id)
        .options(joinedload(AgendaChange.user))
        .order_by(AgendaChange.id.desc())
        .limit(size + 1)
    )
    if before is not None:
        query = query.where(AgendaChange.id < before)
    found = db.session.execute(query).all()
    rows = [
        HistoryRow(change, changed_fields(previous, change.snapshot))
        for change, previous in found[:size]
    ]
    older = rows[-1].change.id if len(found) > size else None
    return rows, older


def starting_version(agenda: Agenda, item_id: int, version: int) -> dict | None:
    """What an item said at `version` (the history row that made that version), if kept."""
    change = db.session.scalar(
        sa.select(AgendaChange)
        .where(
            AgendaChange.agenda_id == agenda.id,
            AgendaChange.item_id == item_id,
            AgendaChange.item_version == version,
        )
        .order_by(AgendaChange.id.desc())
        .limit(1)
    )
    return dict(change.snapshot) if change is not None else None
