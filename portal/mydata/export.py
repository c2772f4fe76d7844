"""Everything held about one person, read table by table as the catalogue says.

Rows are read with SQL Core from the tables themselves, so a column added later is in the
download without a change here. Secrets and other people's ids are dropped; ids that name a
session, concern, idea, part, group or board get that thing's words beside them, and the
people the person chose (supporters, or who helped them) their name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from portal.accounts.models import User
from portal.extensions import db
from portal.mydata.catalogue import LOOKUPS, SECRET_COLUMNS, Kind, kinds_for
from portal.timeutil import utcnow

ACCOUNT_COLUMNS = (
    "username",
    "display_name",
    "role",
    "language",
    "email",
    "notice_email",
    "active",
    "created_at",
    "removal_asked_at",
)


def _table(name: str) -> sa.Table:
    return db.metadata.tables[name]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):  # an enum
        return value.value
    return value


def _person_columns(table: sa.Table) -> set[str]:
    return {
        column.name
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "user_account"
    }


def _rows(kind: Kind, person_id: int) -> list[dict[str, Any]]:
    table = _table(kind.table)
    dropped = SECRET_COLUMNS | kind.omit | (_person_columns(table) - set(kind.names))
    columns = [column for column in table.columns if column.name not in dropped]
    order = [table.c[kind.date]] if kind.date else []
    query = sa.select(*columns).where(table.c[kind.owner] == person_id).order_by(*order)
    return [
        {key: _plain(value) for key, value in row._mapping.items()}
        for row in db.session.execute(query)
    ]


def _words_for(column: str, ids: set[Any], person_id: int) -> dict[Any, str]:
    table_name, words = LOOKUPS[column]
    table = _table(table_name)
    query = sa.select(table.c.id, table.c[words]).where(table.c.id.in_(ids))
    if table_name == "concern":
        # A concern staff took off stays unnamed, unless it is the person's own.
        query = query.where(sa.or_(table.c.review == "shown", table.c.author_id == person_id))
    return dict(db.session.execute(query).all())


def _names_for(ids: set[Any]) -> dict[Any, str]:
    rows = db.session.execute(sa.select(User.id, User.display_name).where(User.id.in_(ids)))
    return dict(rows.all())


def _add_words(sections: dict[str, list[dict]], kinds: tuple[Kind, ...], person_id: int):
    """Beside each id, what it is called: one query per kind of id, not one per row."""
    wanted: dict[str, set] = defaultdict(set)
    people: set = set()
    for kind in kinds:
        for row in sections[kind.key]:
            for column in LOOKUPS.keys() & row.keys():
                if row[column] is not None:
                    wanted[column].add(row[column])
            people |= {row[name] for name in kind.names if row.get(name) is not None}
    found = {column: _words_for(column, ids, person_id) for column, ids in wanted.items()}
    names = _names_for(people) if people else {}
    for kind in kinds:
        for row in sections[kind.key]:
            for column in LOOKUPS.keys() & row.keys():
                row[column.removesuffix("_id") + "_words"] = found.get(column, {}).get(row[column])
            for name in kind.names:
                row[name.removesuffix("_id") + "_name"] = names.get(row.pop(name))


def account_of(person: User) -> dict[str, Any]:
    table = _table("user_account")
    row = db.session.execute(
        sa.select(*[table.c[name] for name in ACCOUNT_COLUMNS]).where(table.c.id == person.id)
    ).one()
    return {key: _plain(value) for key, value in row._mapping.items()}


def everything_about(person: User, *, helping: bool = False) -> dict[str, Any]:
    """The whole download: the account, then one list per kind of record."""
    kinds = kinds_for(helping=helping)
    sections = {kind.key: _rows(kind, person.id) for kind in kinds}
    _add_words(sections, kinds, person.id)
    return {
        "made_at": _plain(utcnow()),
        "account": account_of(person),
        "records": sections,
    }
