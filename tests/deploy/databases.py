"""Extra databases for the backup and move tests: SQLite files, or PostgreSQL databases named
after the test database (so the SQLite and PostgreSQL runs side by side never meet)."""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask_migrate import upgrade

from portal import create_app
from portal.extensions import db


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgresql") else None


def new_postgres_database(suffix: str) -> str:
    """An empty PostgreSQL database beside the test one, made again for every test."""
    base = sa.engine.make_url(postgres_url())
    name = f"{base.database}_{suffix}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def portal_app(url: str):
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "ARGON2_PROFILE": "fast-for-tests",
            "PORTAL_URL": "http://localhost",
            "PORTAL_ALLOW_HTTP": True,
        }
    )


def seeded_app(url: str, revision: str = "head"):
    """A portal on `url`, migrated, with the demo data in it (at head)."""
    from portal.demo import load_demo_data

    app = portal_app(url)
    with app.app_context():
        upgrade(revision=revision)
        if revision == "head":
            assert load_demo_data()
            db.session.commit()
    return app


def every_row(app) -> dict[str, list[dict]]:
    """Every row of every table, in id order: two equal answers mean two equal databases."""
    with app.app_context(), db.engine.connect() as connection:
        answer = {}
        for table in db.metadata.sorted_tables:
            ordered = sa.select(table).order_by(*table.primary_key.columns)
            answer[table.name] = [dict(row._mapping) for row in connection.execute(ordered)]
        return answer


def dispose(*apps) -> None:
    for app in apps:
        with app.app_context():
            db.engine.dispose()
