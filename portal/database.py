"""Statements both our databases (SQLite and PostgreSQL) say in their own dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from portal.extensions import db


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
