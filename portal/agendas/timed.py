"""The agenda with each part's start time, as the session page, the editor and the printout
show it. Times are worked out here, never in templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from portal.accounts.models import User
from portal.agendas.models import (
    Agenda,
    AgendaChange,
    AgendaItem,
    ChangeAction,
    typed_names,
)
from portal.agendas.queries import live_items, visible_concern_ids
from portal.extensions import db
from portal.sessions.models import TrainingSession


@dataclass
class TimedItem:
    item: AgendaItem
    starts_at: datetime
    ends_at: datetime
    changed: bool = False  # changed since this person last looked
    runs_over: bool = False  # ends after the session ends
    concern: object | None = None  # the item's concern, only if this reader may see it
    # A tuple, so a kept part can use it in its key as it is (templates/agendas/_agenda_list).
    leader_names: tuple[str, ...] = ()


@dataclass
class AgendaView:
    agenda: Agenda
    session: TrainingSession
    rows: list[TimedItem] = field(default_factory=list)
    # Titles of the parts taken off since this person last looked, as they read them then.
    removed: list[str] = field(default_factory=list)

    @property
    def part_keys(self) -> tuple:
        """All the list shows of each part, as one key: the session page keeps the whole list
        (templates/agendas/_agenda_list.html), and looking it up once beats once a part."""
        return tuple(
            (
                row.item.id,
                row.item.shown_picture,
                row.starts_at,
                row.item.title,
                row.changed,
                row.item.description,
                row.item.kind,
                row.item.minutes,
                (row.concern.id, row.concern.title) if row.concern else None,
                row.leader_names,
            )
            for row in self.rows
        )

    @property
    def ends_at(self) -> datetime:
        return self.rows[-1].ends_at if self.rows else self.session.start_at

    @property
    def over_by(self) -> int:
        """How many minutes the items run past the session's end (0 when they fit)."""
        extra = (self.ends_at - self.session.end_at).total_seconds() // 60
        return max(int(extra), 0)

    @property
    def minutes_left(self) -> int:
        spare = (self.session.end_at - self.ends_at).total_seconds() // 60
        return max(int(spare), 0)


def timed_agenda(
    agenda: Agenda,
    session: TrainingSession,
    reader: User,
    *,
    seen_at: datetime | None = None,
    items: list[AgendaItem] | None = None,
    names: dict[int, list[str]] | None = None,
):
    """The items with their start times, worked out from the session's start and the minutes.

    An item's concern is shown only to readers who may see that concern (its board may be for
    one group, or staff may have hidden it). The editor and the printout pass nothing more:
    the live parts are read here, with their leaders. The session page passes what
    queries.agenda_for_reading read: when the person last looked (`seen_at`), and the parts,
    those taken off since then among them, without their leaders, whose names (`names`) came
    in the same query (loading each part's people was half the agenda's read time).
    """
    view = AgendaView(agenda, session)
    if items is None:
        items, gone, names = live_items(agenda.id), [], None
    else:
        gone = [item for item in items if item.deleted_at is not None]
        items = [item for item in items if item.deleted_at is None]
        if names is None:
            raise TypeError("parts read with the agenda come with their leaders' names")
    visible = visible_concern_ids(reader, {item.concern_id for item in items if item.concern_id})
    start = session.start_at
    for item in items:
        end = start + timedelta(minutes=item.minutes)
        changed = bool(seen_at and item.changed_at and item.changed_at > seen_at)
        concern = item.concern if item.concern_id in visible else None
        leaders = tuple(
            names.get(item.id, []) + typed_names(item.leaders)
            if names is not None
            else item.leader_names
        )
        view.rows.append(
            TimedItem(item, start, end, changed, end > session.end_at, concern, leaders)
        )
        start = end
    if seen_at is not None:
        view.removed = removed_since(gone, seen_at)
    return view


def removed_since(gone: list[AgendaItem], seen_at: datetime) -> list[str]:
    """Of the parts taken off since this person last looked (`gone`, in their old order), those
    that were there then, with the titles they read then (from the history).

    Parts added and taken off again between two looks were never seen, so they are not listed;
    the same "last looked" time as "Changed since you last looked" (AgendaSeen).
    """
    if not gone:
        return []
    # What each of them was when the person looked: the last change to it before then.
    then: dict[int, AgendaChange] = {}
    for change in db.session.scalars(
        sa.select(AgendaChange)
        .where(
            AgendaChange.item_id.in_([item.id for item in gone]),
            AgendaChange.created_at <= seen_at,
        )
        .order_by(AgendaChange.id)
    ):
        then[change.item_id] = change
    return [
        then[item.id].snapshot.get("title") or item.title
        for item in gone
        if item.id in then and then[item.id].action != ChangeAction.DELETED
    ]
