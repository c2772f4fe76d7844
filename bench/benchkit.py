"""What the request benchmarks share: an app on a throwaway database, and a SQL query counter."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app

# Production settings need the portal's own address (links are built from it).
BENCH_URL = "https://localhost"


def make_app(**overrides):
    """The app on a fresh database; `overrides` change settings (say, to sign in by password,
    which needs the rate limiter on: RATELIMIT_ENABLED=True)."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_URL": BENCH_URL,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            # Limits stay on (sign-in needs the limiter), counted in this process's memory.
            "RATELIMIT_STORAGE_URI": "memory://",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "ARGON2_PROFILE": "fast-for-tests",
            **overrides,
        }
    )
    app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
    from flask_migrate import upgrade

    # Alembic's env.py gives the root logger a handler of its own (fileConfig): each request
    # would then be logged twice, which the portal, migrated by `flask db upgrade` in its own
    # process, never does. Put the handlers back as they were.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    with app.app_context():
        upgrade()
    root.handlers[:] = handlers
    root.setLevel(level)
    return app


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args):
        self.count += 1
