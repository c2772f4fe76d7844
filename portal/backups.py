"""Backups that restore: SQLite's online backup API, or pg_dump's custom format on PostgreSQL.

A backup file's name says when it was made and the schema version (the migration) it holds:
common-ground-20261203T021500Z-0017_kept_form_owner.pgdump. A backup from an older version
restores, then `flask db upgrade` brings it up to date, as after any upgrade.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa

NAME = re.compile(r"^common-ground-(\d{8}T\d{6}Z)-[\w.-]+\.(sqlite3|pgdump)$")
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class RestoreRefused(Exception):
    """The backup cannot go into this database; the message says why and what to do."""


def schema_version(engine: sa.Engine) -> str:
    try:
        with engine.connect() as connection:
            return connection.scalar(sa.text("SELECT version_num FROM alembic_version")) or "none"
    except sa.exc.SQLAlchemyError:
        return "none"


def _libpq(engine: sa.Engine) -> tuple[str, dict]:
    """A URL pg_dump understands, and the password in the environment, never on a command line."""
    url = engine.url
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _sqlite_path(engine: sa.Engine) -> str:
    return engine.url.database or ""


def _sqlite_copy(source: str, target: str) -> None:
    """Page by page, while the portal keeps running: the copy is one consistent moment."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def backup_to_stream(engine: sa.Engine, stream: BinaryIO) -> None:
    if engine.dialect.name == "postgresql":
        url, env = _libpq(engine)
        # PostgreSQL's own tools, found on PATH as the operator installed them.
        with subprocess.Popen(  # noqa: S603
            ["pg_dump", "--format=custom", url],  # noqa: S607
            stdout=subprocess.PIPE,
            env=env,
        ) as dump:
            shutil.copyfileobj(dump.stdout, stream)
        if dump.returncode:
            raise subprocess.CalledProcessError(dump.returncode, "pg_dump")
        stream.flush()
        return
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "backup.sqlite3"
        _sqlite_copy(_sqlite_path(engine), str(copy))
        with copy.open("rb") as handle:
            shutil.copyfileobj(handle, stream)
    stream.flush()


def backup_to_folder(engine: sa.Engine, folder: Path, now: datetime | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    ending = "pgdump" if engine.dialect.name == "postgresql" else "sqlite3"
    path = folder / f"common-ground-{stamp}-{schema_version(engine)}.{ending}"
    partial = path.with_name(path.name + ".partial")  # a failed backup never looks finished
    with partial.open("wb") as handle:
        os.chmod(partial, 0o600)  # it holds everything: only the portal's own user reads it
        backup_to_stream(engine, handle)
    partial.rename(path)
    return path


def prune(folder: Path, *, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Keep the newest backup of each of the last `keep_daily` days and `keep_weekly` weeks."""
    found = []
    for path in folder.iterdir():
        match = NAME.match(path.name)
        if match:
            made = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ")
            found.append((made, path))
    found.sort(reverse=True)
    keep: set[Path] = {found[0][1]} if found else set()
    for key, limit in (
        (lambda d: d.date(), keep_daily),
        (lambda d: d.isocalendar()[:2], keep_weekly),
    ):
        seen: set = set()
        for made, path in found:
            period = key(made)
            if period not in seen and len(seen) < limit:
                seen.add(period)
                keep.add(path)
    removed = [path for _made, path in found if path not in keep]
    for path in removed:
        path.unlink()
    return removed


# Tables a migration fills with starting rows (the glossary): `flask db upgrade` leaves them
# full in an otherwise empty database.
FILLED_BY_MIGRATIONS = frozenset({"glossary_word"})


def holds_data(engine: sa.Engine, *, ignoring: frozenset[str] = frozenset()) -> bool:
    """True when any table has a row (an empty schema from `flask db upgrade` holds none but
    the tables in `ignoring`)."""
    inspector = sa.inspect(engine)
    with engine.connect() as connection:
        for table in inspector.get_table_names():
            if table == "alembic_version" or table in ignoring:
                continue
            quoted = engine.dialect.identifier_preparer.quote(table)
            if connection.scalar(sa.text(f"SELECT 1 FROM {quoted} LIMIT 1")):  # noqa: S608
                return True
    return False


def restore(engine: sa.Engine, file: Path, *, replace: bool) -> str:
    """Put the backup in `file` into the database, all of it or (on any failure) none of it.

    A damaged or cut-short backup is refused before anything changes, and with --replace the
    old data goes in the same transaction as the backup comes in: a restore that fails leaves
    the database as it was."""
    with file.open("rb") as handle:
        start = handle.read(16)
    postgres = engine.dialect.name == "postgresql"
    if start.startswith(PGDUMP_MAGIC) != postgres or not (
        start.startswith(PGDUMP_MAGIC) or start == SQLITE_MAGIC
    ):
        kind = "a PostgreSQL" if postgres else "a SQLite"
        raise RestoreRefused(
            f"{file.name} is not a backup of {kind} portal. To change the kind of database,"
            " restore it into its own kind, then use flask move-data."
        )
    if not replace and holds_data(engine):
        raise RestoreRefused(
            "This database is not empty. Restore into an empty database, or add --replace"
            " to throw away everything in it now."
        )
    engine.dispose()  # no pooled connection may hold the old tables open
    if postgres:
        _restore_postgresql(engine, file)
    else:
        _check_sqlite_backup(file)
        _sqlite_copy(str(file), _sqlite_path(engine))  # one transaction on the target
    engine.dispose()
    return schema_version(engine)


def _damaged(file: Path, why: str) -> RestoreRefused:
    return RestoreRefused(
        f"{file.name} is damaged or cut short ({why}). Nothing was changed."
        " Restore an older backup."
    )


def _check_sqlite_backup(file: Path) -> None:
    try:
        with closing(sqlite3.connect(f"file:{file}?mode=ro", uri=True)) as backup:
            verdict = backup.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise _damaged(file, str(error)) from None
    if verdict != "ok":
        raise _damaged(file, verdict)


def _restore_postgresql(engine: sa.Engine, file: Path) -> None:
    """pg_restore reads the whole backup into SQL first (a cut-short file fails there), then
    psql runs emptying the schema and that SQL as one transaction."""
    url, env = _libpq(engine)
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "restore.sql"
        read = subprocess.run(  # noqa: S603
            ["pg_restore", "--no-owner", "--exit-on-error", "--file", str(script), str(file)],  # noqa: S607
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if read.returncode:
            raise _damaged(file, read.stderr.strip().splitlines()[-1] if read.stderr else "?")
        # -X: no ~/.psqlrc. Emptying the schema and the backup's SQL are one transaction,
        # stopped at the first error.
        command = ["psql", "-X", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1"]
        command += ["--command", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"]
        command += ["--file", str(script), "--dbname", url]
        run = subprocess.run(command, env=env, capture_output=True, check=False)  # noqa: S603
        if run.returncode:
            why = run.stderr.decode(errors="replace").strip()[-500:]
            raise RestoreRefused(f"The restore failed, so nothing was changed: {why}")
