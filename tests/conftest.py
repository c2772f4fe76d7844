"""Fixtures: one app per test run, a clean database for every test, clients that sign in.

The database is SQLite in a temporary folder, or PostgreSQL when DATABASE_URL is set (CI sets
it). The schema is built by running the real migrations, so every run tests them too.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import flask
import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_wtf.csrf import generate_csrf

from portal import create_app
from portal.extensions import db, limiter
from tests import factories
from tests.factories import PASSWORD, create_user

pytest_plugins = ["tests.mail_server"]  # the smtp_server fixture

ROOT = Path(__file__).resolve().parent.parent
CSRF_PATTERN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _test_database_url(tmp_path_factory) -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as error:
        # DATABASE_URL was asked for: an unreachable server fails the run, never skips it.
        pytest.exit(f"DATABASE_URL is set but the database is unreachable: {error}", returncode=3)
    finally:
        engine.dispose()
    return url


def _reset_schema(app) -> None:
    """Drop whatever a previous run left, then build the schema with the migrations."""
    from flask_migrate import upgrade

    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
    # The migrations also fill in starting data (the glossary): every test starts empty.
    with app.app_context(), db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            if table.name == "glossary_word":
                connection.execute(table.delete())


def _compile_translations() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            with po_path.open("rb") as handle:
                catalog = read_po(handle)
            with mo_path.open("wb") as handle:
                write_mo(handle, catalog)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    _compile_translations()
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "SQLALCHEMY_DATABASE_URI": _test_database_url(tmp_path_factory),
            "ARGON2_PROFILE": "fast-for-tests",
            "RATELIMIT_STORAGE_URI": "memory://",
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "WTF_CSRF_SSL_STRICT": False,
            "SERVER_NAME": None,
            # Production settings on a test rig: our own address is the test client's host (and
            # the browser tests' live server), so links in emails and on cards can be followed.
            "PORTAL_URL": "http://localhost",
            "PORTAL_ALLOW_HTTP": True,
            "TRUSTED_HOSTS": ["localhost", "127.0.0.1"],
            # Every test empties the glossary: the next page must see that at once.
            "GLOSSARY_RECHECK_SECONDS": 0,
        }
    )
    _reset_schema(app)
    factories.APP = app
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def clean_database(request):
    """Every test starts with empty tables and fresh rate limits.

    A test marked without_database never opens the app, so it has nothing to empty (the easy-
    read lint alone is thousands of tests: emptying every table after each was minutes).
    """
    if request.node.get_closest_marker("without_database"):
        yield
        return
    app = request.getfixturevalue("app")
    yield
    from portal.moderation.models import empty_log_for_tests

    with app.app_context(), db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # One round trip, not one per table: the server is another process.
            connection.exec_driver_sql(_empty_every_table_on_postgresql())
        else:
            for table in reversed(db.metadata.sorted_tables):
                if table.name == "moderation_log":
                    empty_log_for_tests(connection)  # append-only: the database refuses DELETE
                else:
                    connection.execute(table.delete())
    limiter.reset()


@cache
def _empty_every_table_on_postgresql() -> str:
    # The log is append-only (DELETE is refused), and TRUNCATE is slow next to an empty DELETE:
    # it is emptied only when a test wrote to it. Table names come from our own models, all
    # known once the app is made; children before the tables they point at.
    log = "IF EXISTS (SELECT 1 FROM moderation_log) THEN TRUNCATE moderation_log; END IF;"
    steps = [
        log if table.name == "moderation_log" else f'DELETE FROM "{table.name}";'  # noqa: S608
        for table in reversed(db.metadata.sorted_tables)
    ]
    return f"DO $$ BEGIN {' '.join(steps)} END $$"


class PortalClient(FlaskClient):
    """A test client that sends a valid CSRF token with every form, like a real browser."""

    def open(self, *args, **kwargs):
        # Read a streamed body to the end, as a server does: until then its request (and the
        # session the commit point has just committed) stays open under the next request.
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        """A token for this client's session, made by Flask-WTF just as a form on a page is.

        Made in a request context holding the client's own session (Flask-WTF keeps its secret
        there), not read off a page: rendering a page for every form was a fifth of the suite.
        """
        with self.session_transaction() as kept, self.application.test_request_context():
            if "csrf_token" in kept:
                flask.session["csrf_token"] = kept["csrf_token"]
            token = generate_csrf()
            kept["csrf_token"] = flask.session["csrf_token"]  # new to this client: keep it
        return token

    def post_form(self, url: str, data: dict | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)

    def sign_in_as(self, user, password: str = PASSWORD, remember: bool = False):
        data = {"username": user.username, "password": password}
        if remember:
            data["remember"] = "y"
        response = self.post_form("/sign-in", data)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response


@pytest.fixture
def client(app) -> PortalClient:
    app.test_client_class = PortalClient
    return app.test_client()


@pytest.fixture
def member(app):
    return create_user(role="member", username="sam", display_name="Sam Jones")


@pytest.fixture
def co_trainer(app):
    return create_user(role="co_trainer", username="alex", display_name="Alex Rivera")


@pytest.fixture
def staff(app):
    return create_user(role="staff", username="jo", display_name="Jo Patel")


@pytest.fixture
def users_by_role(member, co_trainer, staff):
    return {"member": member, "co_trainer": co_trainer, "staff": staff}


@pytest.fixture
def client_as(app, users_by_role):
    """client_as("staff"): a client signed in with that role (None: signed out)."""

    def make(role: str | None) -> PortalClient:
        app.test_client_class = PortalClient
        new_client = app.test_client()
        if role:
            new_client.sign_in_as(users_by_role[role])
            new_client.get("/")  # follow the redirect, as a browser would, to see the welcome
        return new_client

    return make


@pytest.fixture
def client_for(app):
    """client_for(user): a client signed in as that person."""

    def make(user) -> PortalClient:
        app.test_client_class = PortalClient
        new_client = app.test_client()
        new_client.sign_in_as(user)
        return new_client

    return make


def htmx_headers(**extra: str) -> dict[str, str]:
    return {"HX-Request": "true", **extra}
