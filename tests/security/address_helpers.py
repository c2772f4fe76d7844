"""Helpers for the sign-in attack tests: clients at other internet addresses, the security log."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import SecurityEvent
from portal.extensions import db
from tests.conftest import PortalClient
from tests.factories import PASSWORD

WRONG_PASSWORD = "not-the-password-at-all"


def client_at(app, address: str) -> PortalClient:
    """A browser whose requests come from `address`, as a phone elsewhere would."""
    app.test_client_class = PortalClient
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def try_password(app, address: str, username: str, password: str = WRONG_PASSWORD):
    return client_at(app, address).post_form(
        "/sign-in", {"username": username, "password": password}
    )


def sign_in_and_out(client: PortalClient, username: str, password: str = PASSWORD) -> int:
    status = client.post_form("/sign-in", {"username": username, "password": password}).status_code
    client.post_form("/sign-out")
    return status


def events(app, kind: str) -> list[SecurityEvent]:
    with app.app_context():
        # In the order they happened: PostgreSQL gives no order without ORDER BY.
        query = sa.select(SecurityEvent).where(SecurityEvent.kind == kind)
        return list(db.session.scalars(query.order_by(SecurityEvent.id)))
