"""`flask backup` and `flask restore`: a backup of a seeded portal restores to the same rows.

Each kind of database is seeded once (the demo data) and backed up once, for the whole module.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from portal import backups
from portal.extensions import db
from tests.deploy.databases import (
    dispose,
    every_row,
    new_postgres_database,
    portal_app,
    postgres_url,
    seeded_app,
)

OLD_REVISION = "0015_passkey_challenges"
# The newest migration in the repository: a backup records the schema it was made at.
HEAD = ScriptDirectory(str(Path(__file__).parents[2] / "migrations")).get_current_head()


def _new_url(tmp_path_factory, kind: str, name: str) -> str:
    if kind == "postgresql":
        if not postgres_url():
            pytest.skip("PostgreSQL backups run in the PostgreSQL test run (DATABASE_URL set)")
        return new_postgres_database(name)
    return f"sqlite:///{tmp_path_factory.mktemp(name) / 'portal.sqlite3'}"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backed_up(request, tmp_path_factory):
    """A seeded portal of one kind, and the backup `flask backup --to` made of it."""
    kind = request.param
    source = seeded_app(_new_url(tmp_path_factory, kind, "backup_from"))
    folder = tmp_path_factory.mktemp("backups")
    made = source.test_cli_runner().invoke(args=["backup", "--to", str(folder)])
    assert made.exit_code == 0, made.output
    (file,) = folder.iterdir()
    yield kind, source, file
    dispose(source)


def test_a_backup_restores_every_row_of_every_table(backed_up, tmp_path_factory):
    kind, source, file = backed_up
    assert file.name.endswith((f"-{HEAD}.sqlite3", f"-{HEAD}.pgdump"))
    assert (file.stat().st_mode & 0o777) == 0o600  # it holds everything: only its owner reads it

    target = portal_app(_new_url(tmp_path_factory, kind, "backup_into"))
    restored = target.test_cli_runner().invoke(args=["restore", str(file)])
    assert restored.exit_code == 0, restored.output
    before = every_row(source)
    assert sum(len(rows) for rows in before.values()) > 50  # the demo data really is there
    assert every_row(target) == before
    # The restored portal keeps working: a new row gets a new id (the counters came back too).
    with target.app_context():
        highest = db.session.scalar(sa.text("SELECT MAX(id) FROM user_account"))
        db.session.execute(
            sa.text(
                "INSERT INTO user_account (username, display_name, role, active, created_at)"
                " VALUES ('new', 'New', 'member', :yes, :at)"
            ),
            {"yes": True, "at": datetime(2026, 12, 3)},
        )
        assert db.session.scalar(sa.text("SELECT MAX(id) FROM user_account")) == highest + 1
        db.session.rollback()

    # Now it holds data: restoring again is refused, unless told to replace what is there.
    with target.app_context():
        db.session.execute(sa.text("UPDATE user_account SET display_name = 'Changed later'"))
        db.session.commit()
    refused = target.test_cli_runner().invoke(args=["restore", str(file)])
    assert refused.exit_code != 0 and "not empty" in refused.output
    assert "Changed later" in str(every_row(target)["user_account"])
    replaced = target.test_cli_runner().invoke(args=["restore", "--replace", str(file)])
    assert replaced.exit_code == 0, replaced.output
    assert every_row(target) == before

    # A file that is not a backup of this kind of database is refused, and nothing changes.
    wrong = file.with_name("not-a-backup")
    wrong.write_bytes(b"hello, this is not a database at all")
    refused = target.test_cli_runner().invoke(args=["restore", "--replace", str(wrong)])
    assert refused.exit_code != 0 and "move-data" in refused.output
    assert every_row(target) == before
    dispose(target)


def test_a_damaged_backup_is_refused_and_nothing_is_lost(backed_up, tmp_path_factory):
    kind, _source, file = backed_up
    target = portal_app(_new_url(tmp_path_factory, kind, "backup_damaged"))
    assert target.test_cli_runner().invoke(args=["restore", str(file)]).exit_code == 0
    with target.app_context():
        db.session.execute(sa.text("UPDATE user_account SET display_name = 'Changed later'"))
        db.session.commit()
    before = every_row(target)
    # Cut short, as a copy that ran out of disk or a download that stopped would be.
    cut = file.with_name(f"cut-short-{file.name}")
    cut.write_bytes(file.read_bytes()[: file.stat().st_size * 2 // 3])
    refused = target.test_cli_runner().invoke(args=["restore", "--replace", str(cut)])
    assert refused.exit_code != 0
    assert "damaged or cut short" in refused.output and "Nothing was changed" in refused.output
    assert every_row(target) == before  # with --replace, and still every row is there
    dispose(target)


def test_a_backup_to_standard_output_is_a_whole_database(backed_up, tmp_path):
    kind, source, _file = backed_up
    result = source.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0
    magic = backups.PGDUMP_MAGIC if kind == "postgresql" else backups.SQLITE_MAGIC
    assert result.stdout_bytes.startswith(magic)
    if kind == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(result.stdout_bytes)
        assert every_row(portal_app(f"sqlite:///{copy}")) == every_row(source)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_backup_from_an_older_version_restores_and_migrates_up(kind, tmp_path_factory):
    old = seeded_app(_new_url(tmp_path_factory, kind, "backup_old"), revision=OLD_REVISION)
    with old.app_context():
        db.session.execute(
            sa.text(
                "INSERT INTO user_account (id, username, display_name, role, active, language,"
                " created_at) VALUES (7, 'old', 'From an old version', 'member', :yes, 'cy', :at)"
            ),
            {"yes": True, "at": datetime(2026, 1, 2, 3, 4)},
        )
        db.session.commit()
    folder = tmp_path_factory.mktemp("old_backups")
    assert old.test_cli_runner().invoke(args=["backup", "--to", str(folder)]).exit_code == 0
    (file,) = folder.iterdir()
    assert OLD_REVISION in file.name

    target = portal_app(_new_url(tmp_path_factory, kind, "backup_old_into"))
    restored = target.test_cli_runner().invoke(args=["restore", str(file)])
    assert restored.exit_code == 0 and OLD_REVISION in restored.output
    with target.app_context():
        upgrade()
        assert backups.schema_version(db.engine) == HEAD
        row = db.session.execute(sa.text("SELECT username, language FROM user_account")).one()
        assert tuple(row) == ("old", "cy")
    dispose(old, target)


def test_pruning_keeps_the_newest_of_each_recent_day_and_week(tmp_path):
    start = datetime(2026, 12, 3, 2, 0)
    names = []
    for hours in range(0, 24 * 60, 12):  # two backups a day for 60 days
        made = start - timedelta(hours=hours)
        name = f"common-ground-{made:%Y%m%dT%H%M%SZ}-{HEAD}.sqlite3"
        (tmp_path / name).write_bytes(b"")
        names.append((made, name))
    (tmp_path / "notes.txt").write_text("not ours: never removed")

    removed = backups.prune(tmp_path, keep_daily=7, keep_weekly=4)

    left = {path.name for path in tmp_path.iterdir()}
    assert "notes.txt" in left
    kept = [(made, name) for made, name in names if name in left]
    assert kept[0] == names[0]  # the newest
    last_week = {made.date() for made, _ in kept if made.date() > start.date() - timedelta(7)}
    assert len(last_week) == 7  # one for each of the last 7 days
    newest_of_day = {}
    for made, _ in names:
        newest_of_day.setdefault(made.date(), made)  # names go newest first
    assert all(made == newest_of_day[made.date()] for made, _ in kept)  # never an older one
    weeks = {made.isocalendar()[:2] for made, _ in kept}
    assert len(weeks) == 4 and len(kept) <= 7 + 4
    assert len(removed) == len(names) - len(kept)
