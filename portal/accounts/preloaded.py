"""What every signed-in page asks about its person, read with the sign-in itself.

The header shows the unread count, `<html>` carries the reading settings, and pages with
support buttons ask whether the person is stopped from posting. Asked one by one, that was
three more queries on every page. Each is registered here instead (features above accounts,
such as notices, register theirs at start-up), and comes with the one SELECT that loads the
person from their device session (`services.load_user_for_token`).

Stale is worse than slow, so a value is used only:
- for the person it was read for (while a supporter helps Sam, Sam's values are asked for);
- in the transaction it was read in (a request that rolled back, or `g` kept by a test
  holding an app context across requests, asks again);
- while nothing this request sent to the database could have changed it: any statement other
  than a SELECT that names one of its tables, or the accounts table (whose deletion cascades),
  makes it asked again. So a page that marks notices read, saves settings or stops someone
  posting shows the new value.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import g, has_app_context

from portal.extensions import db
from portal.transactions import may_write

T = TypeVar("T")

_KEY = "_preloaded"
# Deleting an account cascades to every row kept per person.
_CASCADES_FROM = "user_account"


@dataclasses.dataclass(frozen=True)
class _Preload:
    name: str
    # The value's expression, given the loaded person's id column: a row outer-joined on
    # `user_id` (one-to-one with the person), or a correlated scalar subquery.
    row: type | None
    column: Callable[[sa.ColumnElement[int]], sa.ColumnElement[Any]] | None
    written_by: re.Pattern[str]


PRELOADS: dict[str, _Preload] = {}


def _tables_pattern(tables: set[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(table) for table in sorted({*tables, _CASCADES_FROM}))
    return re.compile(rf"\b(?:{names})\b", re.IGNORECASE)


def preload_row(name: str, model: type) -> None:
    """Load this person's row of `model` (keyed by `user_id`, or None) with the sign-in."""
    PRELOADS[name] = _Preload(name, model, None, _tables_pattern({model.__tablename__}))


def preload_value(
    name: str,
    tables: set[str],
    column: Callable[[sa.ColumnElement[int]], sa.ColumnElement[Any]],
) -> None:
    """Load `column(person_id)` (a correlated scalar subquery reading `tables`) with it."""
    PRELOADS[name] = _Preload(name, None, column, _tables_pattern(tables))


def with_preloads(
    query: sa.Select, user_id: sa.ColumnElement[int]
) -> tuple[sa.Select, tuple[str, ...]]:
    """`query` with every registered value added after its own columns, and their names."""
    preloads = tuple(PRELOADS.values())
    for preload in preloads:
        if preload.row is not None:
            query = query.outerjoin(preload.row, preload.row.user_id == user_id)
            query = query.add_columns(preload.row)
        else:
            query = query.add_columns(preload.column(user_id).label(preload.name))
    return query, tuple(preload.name for preload in preloads)


@dataclasses.dataclass
class _Loaded:
    user_id: int
    values: dict[str, Any]
    transaction: Any

    def holds(self, name: str, user_id: int) -> bool:
        return (
            name in self.values
            and user_id == self.user_id
            and self.transaction is db.session().get_transaction()
        )

    def forget_written(self, statement: str) -> None:
        for name in list(self.values):
            preload = PRELOADS.get(name)
            if preload is None or preload.written_by.search(statement):
                del self.values[name]


def remember(user_id: int, values: dict[str, Any]) -> None:
    """Keep what the sign-in's SELECT read for `user_id`, for the rest of this request."""
    setattr(g, _KEY, _Loaded(user_id, dict(values), db.session().get_transaction()))


def preloaded(name: str, user_id: int, otherwise: Callable[[], T]) -> T:
    """The value read with the sign-in when it still holds for `user_id`, else `otherwise()`."""
    loaded = g.get(_KEY) if has_app_context() else None
    if loaded is None or not loaded.holds(name, user_id):
        return otherwise()
    return loaded.values[name]


@sa.event.listens_for(sa.engine.Engine, "before_cursor_execute")
def _forget_what_may_be_written(conn, cursor, statement, parameters, context, executemany):
    # Every statement of every engine passes here: a SELECT returns at the first check.
    if not may_write(statement) or not has_app_context():
        return
    loaded = g.get(_KEY)
    if loaded is not None:
        loaded.forget_written(statement)
