"""Migrations and models agree, and every migration can be undone and redone."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from portal.extensions import db


def test_models_match_the_migrations(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "run `flask --app wsgi db migrate` and commit the new migration"


def test_downgrade_to_nothing_then_upgrade_again(app):
    from tests.factories import create_user

    with app.app_context():
        downgrade(revision="base")
        upgrade()
    # The rebuilt schema works.
    assert create_user(username="after-upgrade").id
