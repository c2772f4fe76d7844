"""The Makefile: every phony target exists, and the PostgreSQL run probes the database it uses."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
PROBE = ROOT / "scripts/postgres_reachable.py"
NOWHERE = "postgresql+psycopg://nobody@127.0.0.1:1/elsewhere"  # port 1: nothing listens


def _probe(url: str) -> int:
    return subprocess.run([sys.executable, str(PROBE), url], capture_output=True).returncode


def test_every_phony_target_has_a_rule():
    [phony] = re.findall(r"^\.PHONY:(.*)$", MAKEFILE, re.MULTILINE)
    rules = set(re.findall(r"^([\w.-]+):", MAKEFILE, re.MULTILINE))
    assert set(phony.split()) - rules == set()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_postgres_run_probes_pg_test_url():
    dry_run = subprocess.run(
        ["make", "-n", "test-postgres", f"PG_TEST_URL={NOWHERE}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert f'scripts/postgres_reachable.py "{NOWHERE}"' in dry_run.stdout
    assert "5432/test'" not in dry_run.stdout


def test_the_probe_says_no_when_nothing_answers():
    assert _probe(NOWHERE) == 1
    assert _probe("not a database url") == 1


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgresql"),
    reason="needs the PostgreSQL run (DATABASE_URL)",
)
def test_the_probe_asks_for_the_database_itself():
    """A server that is up but lacks the database is no place to run the tests."""
    url = sa.engine.make_url(os.environ["DATABASE_URL"])
    assert _probe(url.render_as_string(hide_password=False)) == 0
    missing = url.set(database=f"{url.database}_that_is_not_there")
    assert _probe(missing.render_as_string(hide_password=False)) == 1
