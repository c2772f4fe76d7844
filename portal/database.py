"""Statements both our databases (SQLite and PostgreSQL) say in their own dialect, and one
rule they keep alike: a row may only point at a row that is there."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from portal.extensions import db


@sa.event.listens_for(sa.engine.Engine, "connect")
def _sqlite_checks_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    """SQLite checks foreign keys only on a connection that asks, each time it connects.

    Without this, SQLite kept rows pointing at nothing and ignored every ON DELETE CASCADE,
    so the default database behaved unlike PostgreSQL. The migrations turn it off while
    they rebuild tables (migrations/env.py).
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        with closing(dbapi_connection.cursor()) as cursor:
            cursor.execute("PRAGMA foreign_keys=ON")


def dialect_insert(model: Any):
    """An INSERT that can say ON CONFLICT: each database has its own, so ask the bound one."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def insert_or_ignore(model: Any, values: dict, index_elements: list[str] | None = None):
    """INSERT ... ON CONFLICT DO NOTHING: safe when two requests add the same row at once.

    The database's unique index decides; add `.returning(...)` to learn whether this one
    inserted (no row back means it was there already).
    """
    return (
        dialect_insert(model).values(**values).on_conflict_do_nothing(index_elements=index_elements)
    )
