"""`flask move-data --to URL`: copy a portal into another database, say SQLite to PostgreSQL.

The target gets the same schema by running our migrations, then every table is copied in an
order where each row's references already exist. On PostgreSQL the id counters are moved on past
the copied ids, or the next new row would clash with a copied one.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from portal.backups import FILLED_BY_MIGRATIONS, holds_data, schema_version
from portal.extensions import db

CHUNK = 1000


class MoveRefused(Exception):
    """The copy cannot start; the message says why and what to do."""


def normalise_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _head(app: Flask) -> str:
    from alembic.script import ScriptDirectory

    directory = app.extensions["migrate"].directory
    return ScriptDirectory(directory).get_current_head()


def _migrate_target(app: Flask, target_url: str, version: str) -> None:
    from flask_migrate import upgrade

    from portal import create_app

    # The same portal on another database: its own address settings are checked again.
    same = {key: app.config[key] for key in ("PORTAL_URL", "PORTAL_ALLOW_HTTP", "TRUSTED_HOSTS")}
    target_app = create_app({**same, "SQLALCHEMY_DATABASE_URI": target_url})
    with target_app.app_context():
        upgrade(revision=version)
        db.engine.dispose()


def _copy_table(table: sa.Table, source: sa.Connection, target: sa.Connection) -> int:
    # A concern merged into a later one points forward: fill such links in after every row.
    self_links = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    key = next(iter(table.primary_key.columns))
    later: list[dict] = []
    count = 0
    # Counts the database keeps itself (its triggers) start from their default in the target,
    # and count the rows as they are copied in, as they did the first time.
    columns = [column for column in table.columns if not column.info.get("kept_by_database")]
    result = source.execution_options(yield_per=CHUNK).execute(sa.select(*columns).order_by(key))
    for rows in result.partitions(CHUNK):
        values = [dict(row._mapping) for row in rows]
        for row in values:
            links = {name: row[name] for name in self_links if row[name] is not None}
            if links:
                later.append({"_key": row[key.name], **links})
                row.update(dict.fromkeys(links))
        target.execute(table.insert(), values)
        count += len(values)
    for links in later:
        wanted = {name: value for name, value in links.items() if name != "_key"}
        target.execute(table.update().where(key == links["_key"]).values(**wanted))
    return count


def _move_counters_on(table: sa.Table, target: sa.Connection) -> None:
    columns = list(table.primary_key.columns)
    if len(columns) != 1 or not isinstance(columns[0].type, sa.Integer):
        return
    column = columns[0].name
    sequence = target.scalar(
        sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
        {"table": table.name, "column": column},
    )
    if sequence:
        # Names from our own models, never from input.
        highest = f'SELECT MAX("{column}") FROM "{table.name}"'  # noqa: S608
        target.execute(
            sa.text(f"SELECT setval(:sequence, COALESCE(({highest}), 1), ({highest}) IS NOT NULL)"),
            {"sequence": sequence},
        )


def copy_everything(app: Flask, target_url: str) -> dict[str, int]:
    target_url = normalise_url(target_url.strip())
    source_engine = db.engine
    version = schema_version(source_engine)
    if version != _head(app):
        raise MoveRefused("Run flask db upgrade first: only an up-to-date portal can be moved.")
    target_engine = sa.create_engine(target_url)
    try:
        if sa.inspect(target_engine).get_table_names() and holds_data(
            target_engine, ignoring=FILLED_BY_MIGRATIONS
        ):
            raise MoveRefused("The target database is not empty. Copy into an empty database.")
        target_engine.dispose()
        _migrate_target(app, target_url, version)
        counts = {}
        with source_engine.connect() as source, target_engine.begin() as target:
            # Only the starting rows a migration put there: the portal's own rows replace them.
            for table in db.metadata.sorted_tables:
                if table.name in FILLED_BY_MIGRATIONS:
                    target.execute(table.delete())
            for table in db.metadata.sorted_tables:
                counts[table.name] = _copy_table(table, source, target)
                if target.dialect.name == "postgresql":
                    _move_counters_on(table, target)
        return counts
    finally:
        target_engine.dispose()
