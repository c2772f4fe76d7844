"""`flask demo-data` makes accounts with passwords anyone can read: development only."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from portal.accounts.models import User
from portal.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def _people(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(User))


def test_demo_data_refuses_in_production(app):
    # The test app runs with production settings (PORTAL_ENV is not development).
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "Demo data is only for development." in result.output
    assert "flask demo-data --yes-in-production" in result.output
    assert _people(app) == 0


def test_demo_data_loads_in_production_only_when_told_to(app):
    result = app.test_cli_runner().invoke(args=["demo-data", "--yes-in-production"])
    assert result.exit_code == 0, result.output
    assert "Loaded the demo data." in result.output
    assert _people(app) > 0


def test_demo_data_loads_in_development(app, monkeypatch):
    monkeypatch.setitem(app.config, "PORTAL_ENV", "development")
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    assert _people(app) > 0


def test_make_run_loads_demo_data_in_development():
    makefile = (ROOT / "Makefile").read_text()
    assert "PORTAL_ENV=development $(BIN)/flask demo-data" in makefile
