"""`flask create-staff`: the first staff account on a new portal, with no demo data."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import Role, User
from portal.extensions import db

STAFF_PASSWORD = "a long staff pass phrase"


def _create(app, *args: str, password: str = STAFF_PASSWORD):
    command = ["create-staff", "--username", "Jo", "--name", "Jo Patel", *args]
    return app.test_cli_runner().invoke(args=command, input=f"{password}\n{password}\n")


def test_create_staff_makes_a_staff_account_that_can_sign_in(app, client):
    made = _create(app, "--email", "jo@example.org")
    assert made.exit_code == 0, made.output
    with app.app_context():
        person = db.session.scalar(sa.select(User).where(User.username == "jo"))
        assert person.role == Role.STAFF and person.email == "jo@example.org"
    signed_in = client.post_form(
        "/sign-in", {"username": "jo", "password": "a long staff pass phrase"}
    )
    assert signed_in.status_code == 302


def test_create_staff_refuses_a_weak_password_and_a_taken_username(app):
    weak = _create(app, password="password1234")
    assert weak.exit_code != 0 and "Many people use this password" in weak.output
    short = _create(app, password="too short")
    assert short.exit_code != 0 and "12 letters" in short.output
    assert _create(app).exit_code == 0
    again = _create(app)
    assert again.exit_code != 0 and "already has the username jo" in again.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
