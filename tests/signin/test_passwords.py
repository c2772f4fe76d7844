"""Password rules for staff and co-trainers who keep a password: long, and not a common one."""

from __future__ import annotations

import pytest

from portal.accounts.models import User
from portal.accounts.passwords import is_common_password
from tests.factories import fetch


@pytest.mark.parametrize("password", ["password1234", "Password1234", "PASSWORD 1234"])
def test_common_passwords_are_found_in_any_capitals(password):
    assert is_common_password(password)


def test_an_uncommon_password_is_fine():
    assert not is_common_password("kettle-on-the-hill-at-noon")


def test_staff_cannot_give_a_common_password(client_as, users_by_role):
    member = users_by_role["member"]
    before = fetch(User, member.id).password_hash
    response = client_as("staff").post_form(
        f"/people/{member.id}/password", {"password": "qwertyuiop12"}
    )
    assert response.status_code == 422
    assert "Many people use this password, so it is easy to guess." in (
        response.get_data(as_text=True)
    )
    assert fetch(User, member.id).password_hash == before


def test_short_passwords_are_still_refused(client_as, users_by_role):
    member = users_by_role["member"]
    response = client_as("staff").post_form(f"/people/{member.id}/password", {"password": "x" * 11})
    assert "Use 12 letters or more." in response.get_data(as_text=True)


def test_the_sign_in_fields_say_what_they_hold(client):
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'autocomplete="username webauthn"' in page and 'autocomplete="current-password"' in page
