"""Writes for an agenda's parts: add, change, move, delete and put back.

Functions flush, never commit. Every change raises the agenda's version (live updates look at
it) and writes a history row. An item is changed with one UPDATE that names the version the
person started from, so a save based on an old version changes nothing and raises Conflict.
Publishing is in publishing.py, members' ideas in suggestions.py.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from portal.accounts.models import User
from portal.agendas.models import (
    COLUMN_FIELDS,
    Agenda,
    AgendaChange,
    AgendaItem,
    ChangeAction,
)
from portal.database import dialect_insert
from portal.extensions import db
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow


class Conflict(Exception):
    """Someone else saved the item first. `theirs` is what the item says now."""

    def __init__(self, theirs: AgendaItem | None) -> None:
        super().__init__("the item changed since it was opened")
        self.theirs = theirs


def agenda_for(session: TrainingSession) -> Agenda:
    """The session's agenda, made the first time it is needed."""
    agenda = db.session.scalar(sa.select(Agenda).where(Agenda.session_id == session.id))
    if agenda is None:
        agenda = Agenda(session_id=session.id)
        db.session.add(agenda)
        db.session.flush()
    return agenda


def touch(agenda: Agenda) -> None:
    """Raise the agenda's version in the database itself, so racing workers both count.

    Every write to an agenda calls it: the live editor and its ETag look only at the version."""
    db.session.execute(
        sa.update(Agenda).where(Agenda.id == agenda.id).values(version=Agenda.version + 1)
    )
    db.session.expire(agenda, ["version"])


class AlreadyAdded(Exception):
    """The add form with this key was sent before: `item` is what it added then."""

    def __init__(self, item: AgendaItem) -> None:
        super().__init__("this add form was sent already")
        self.item = item


def _record(item: AgendaItem, user: User | None, action: ChangeAction) -> None:
    db.session.add(
        AgendaChange(
            agenda_id=item.agenda_id,
            item_id=item.id,
            user_id=user.id if user else None,
            action=action,
            item_version=item.version,
            snapshot=item.snapshot(),
        )
    )


def _set_leaders(item: AgendaItem, leader_ids: list[int] | None) -> None:
    """Link the item to the people who lead it; ids of accounts that are gone are skipped."""
    if leader_ids is None:
        return
    wanted = sorted(set(leader_ids))
    people = list(db.session.scalars(sa.select(User).where(User.id.in_(wanted)))) if wanted else []
    item.leader_people = sorted(people, key=lambda person: person.display_name)


def _claim(agenda: Agenda, item_id: int, expected_version: int, **columns: Any) -> AgendaItem:
    """Raise the item's version, only if it is still `expected_version`; else raise Conflict.

    One UPDATE with the version in its WHERE: on PostgreSQL a racing save waits for this one's
    commit and then matches no row; SQLite lets one writer in at a time.
    """
    result = db.session.execute(
        sa.update(AgendaItem)
        .where(
            AgendaItem.id == item_id,
            AgendaItem.agenda_id == agenda.id,
            AgendaItem.version == expected_version,
        )
        .values(version=AgendaItem.version + 1, updated_at=utcnow(), **columns)
        .execution_options(synchronize_session=False)
    )
    item = db.session.get(AgendaItem, item_id)
    if item is not None:
        db.session.refresh(item)
    if result.rowcount != 1:
        raise Conflict(item)
    return item


def _live_items(agenda_id: int, fresh: bool = False) -> list[AgendaItem]:
    """The items on the agenda in order; `fresh` reloads ones this session already holds."""
    query = (
        sa.select(AgendaItem)
        .where(AgendaItem.agenda_id == agenda_id, AgendaItem.deleted_at.is_(None))
        .order_by(AgendaItem.position, AgendaItem.id)
    )
    if fresh:
        query = query.execution_options(populate_existing=True)
    return list(db.session.scalars(query))


def add_item(
    agenda: Agenda, user: User | None, add_key: str | None = None, **values: Any
) -> AgendaItem:
    """Put a new item at the end of the agenda.

    `add_key` names the add form as it was sent: if an item was added with it already, nothing
    is added and AlreadyAdded says which item it was. The database's unique index decides, in
    one INSERT ... ON CONFLICT DO NOTHING: a second worker sending the same form at the same
    moment waits for the first one's commit, then inserts nothing.
    """
    last = db.session.scalar(
        sa.select(sa.func.max(AgendaItem.position)).where(AgendaItem.agenda_id == agenda.id)
    )
    statement = dialect_insert(AgendaItem).values(
        agenda_id=agenda.id,
        position=(last or 0) + 1,
        changed_at=utcnow(),
        add_key=add_key or None,
        **{name: values[name] for name in COLUMN_FIELDS if name in values},
    )
    if add_key:
        statement = statement.on_conflict_do_nothing(index_elements=["agenda_id", "add_key"])
    item_id = db.session.scalar(statement.returning(AgendaItem.id))
    if item_id is None:
        raise AlreadyAdded(
            db.session.scalars(
                sa.select(AgendaItem).where(
                    AgendaItem.agenda_id == agenda.id, AgendaItem.add_key == add_key
                )
            ).one()
        )
    item = db.session.get(AgendaItem, item_id)
    _set_leaders(item, values.get("leader_ids"))
    db.session.flush()
    _record(item, user, ChangeAction.ADDED)
    touch(agenda)
    return item


def update_item(
    agenda: Agenda,
    item_id: int,
    expected_version: int,
    user: User | None,
    values: dict[str, Any],
    action: ChangeAction = ChangeAction.CHANGED,
) -> AgendaItem:
    """Change an item, only if nobody saved it since `expected_version`; else raise Conflict."""
    changes = {name: values[name] for name in COLUMN_FIELDS if name in values}
    item = _claim(
        agenda,
        item_id,
        expected_version,
        changed_at=utcnow(),
        **changes,
    )
    _set_leaders(item, values.get("leader_ids"))
    if item.deleted_at is not None:
        # Someone took it off while this person was changing it; saving their words puts it back.
        _reinsert(agenda, item)
    db.session.flush()
    _record(item, user, action)
    touch(agenda)
    return item


def move_item(
    agenda: Agenda,
    item: AgendaItem,
    user: User | None,
    steps: int = 0,
    before_id: int | None = None,
    to_end: bool = False,
) -> bool:
    """Move an item up (-1) or down (+1), or put it before another item (or at the end).

    The agenda's row is locked first (its version goes up), so two people moving parts at the
    same moment take turns, and each works on the list as the other left it.
    """
    touch(agenda)
    items = _live_items(agenda.id, fresh=True)
    index = next((i for i, row in enumerate(items) if row.id == item.id), None)
    if index is None:
        return False
    if before_id is not None or to_end:
        rest = [row for row in items if row.id != item.id]
        target = next((i for i, row in enumerate(rest) if row.id == before_id), None)
        if target is None and not to_end:
            return False
        rest.insert(len(rest) if target is None else target, item)
        if rest == items:
            return False
        items = rest
    else:
        target = min(max(index + steps, 0), len(items) - 1)
        if target == index:
            return False
        items.insert(target, items.pop(index))
    for position, row in enumerate(items, start=1):
        row.position = position
    item.changed_at = utcnow()
    db.session.flush()
    _record(item, user, ChangeAction.MOVED)
    return True


def delete_item(agenda: Agenda, item_id: int, expected_version: int, user: User | None):
    """Take an item off the agenda, only if nobody changed it since the person looked at it.

    It is kept, so "Undo" and the history can put it back. Raises Conflict when it changed.
    """
    # The add form it came from may be sent again (Back, then Add): that adds it anew, rather
    # than answer "You added it" about a part that is not there.
    item = _claim(agenda, item_id, expected_version, deleted_at=utcnow(), add_key=None)
    _record(item, user, ChangeAction.DELETED)
    touch(agenda)
    return item


def _reinsert(agenda: Agenda, item: AgendaItem) -> None:
    """Put a deleted item back in its old place; the parts from there down move down one."""
    item.deleted_at = None
    for row in _live_items(agenda.id):
        if row.position >= item.position and row.id != item.id:
            row.position += 1


def put_back(
    agenda: Agenda,
    item_id: int,
    expected_version: int,
    user: User | None,
    snapshot: dict | None = None,
) -> AgendaItem:
    """Undo a delete, or restore an earlier version from history (as a new version).

    Like a save, it only happens if nobody changed the item since the person looked at it.
    """
    item = _claim(agenda, item_id, expected_version)
    if snapshot:
        for name in COLUMN_FIELDS:
            if name in snapshot:
                setattr(item, name, snapshot[name])
        # History from before leaders could be linked kept every name in `leaders`.
        _set_leaders(item, snapshot.get("leader_ids", []))
    if item.deleted_at is not None:
        _reinsert(agenda, item)
    item.changed_at = utcnow()
    db.session.flush()
    _record(item, user, ChangeAction.PUT_BACK)
    touch(agenda)
    return item
