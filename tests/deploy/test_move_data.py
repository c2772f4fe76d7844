"""`flask move-data --to`: a SQLite portal copied to PostgreSQL, and back, keeps every row."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from portal.extensions import db
from tests.deploy.databases import (
    dispose,
    every_row,
    new_postgres_database,
    portal_app,
    postgres_url,
    seeded_app,
)


def _new_row_gets_a_new_id(app) -> None:
    with app.app_context():
        highest = db.session.scalar(sa.text("SELECT MAX(id) FROM user_account"))
        db.session.execute(
            sa.text(
                "INSERT INTO user_account (username, display_name, role, active, created_at)"
                " VALUES ('newcomer', 'New', 'member', :yes, :at)"
            ),
            {"yes": True, "at": datetime(2026, 12, 3)},
        )
        assert db.session.scalar(sa.text("SELECT MAX(id) FROM user_account")) == highest + 1
        db.session.rollback()


def test_a_sqlite_portal_moves_to_postgresql_and_back(tmp_path):
    if not postgres_url():
        pytest.skip("move-data runs in the PostgreSQL test run (DATABASE_URL set)")
    sqlite_portal = seeded_app(f"sqlite:///{tmp_path / 'small.sqlite3'}")
    with sqlite_portal.app_context():
        # A concern merged into a later one: its link points forward, and must survive.
        db.session.execute(
            sa.text(
                "UPDATE concern SET merged_into_id = (SELECT MAX(id) FROM concern)"
                " WHERE id = (SELECT MIN(id) FROM concern)"
            )
        )
        db.session.commit()
    before = every_row(sqlite_portal)
    assert sum(len(rows) for rows in before.values()) > 50

    postgres = new_postgres_database("moved")
    # The URL from the environment, where a password would not show on the command line.
    moved = sqlite_portal.test_cli_runner().invoke(
        args=["move-data"], env={"MOVE_DATA_TO": postgres}
    )
    assert moved.exit_code == 0, moved.output
    assert "others on this machine can see" not in moved.output
    postgres_portal = portal_app(postgres)
    assert every_row(postgres_portal) == before
    _new_row_gets_a_new_id(postgres_portal)  # PostgreSQL's id counters were moved on

    # A password on the command line works (this server trusts loopback), with a warning.
    with_password = sa.engine.make_url(postgres).set(password="seen-in-ps")
    again = sqlite_portal.test_cli_runner().invoke(
        args=["move-data", "--to", with_password.render_as_string(hide_password=False)]
    )
    assert again.exit_code != 0 and "not empty" in again.output
    assert "put the URL in MOVE_DATA_TO" in again.output

    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    returned = postgres_portal.test_cli_runner().invoke(args=["move-data", "--to", back])
    assert returned.exit_code == 0, returned.output
    back_portal = portal_app(back)
    assert every_row(back_portal) == before
    _new_row_gets_a_new_id(back_portal)
    dispose(sqlite_portal, postgres_portal, back_portal)


def test_a_url_that_is_not_one_is_told_plainly_and_never_echoed(tmp_path):
    portal = seeded_app(f"sqlite:///{tmp_path / 'small.sqlite3'}")
    moved = portal.test_cli_runner().invoke(
        args=["move-data", "--to", "postgresql://someone:hunter2-secret@db:notaport/portal"]
    )
    assert moved.exit_code == 1 and "That is not a database URL" in moved.output
    assert "hunter2" not in moved.output and moved.exception.__class__ is SystemExit
    dispose(portal)
