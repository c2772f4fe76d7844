"""A page on another site makes a browser post to the portal (issue 12).

The attack found: an auto-submitted form to /people/<id> (role staff, the attacker's email)
arrived without cookies, was kept as "kept words" with a new session cookie that replaced the
staff member's, and after she signed in again one tap made the attacker staff.
"""

from __future__ import annotations

import pytest

from portal.accounts.models import Role, User
from tests.factories import create_user, fetch
from tests.security.signin_helpers import (
    FROM_ANOTHER_SITE,
    end_sign_ins,
    kept_forms,
    set_cookies,
)

# The fields the attacker's page posts: make this account staff, with the attacker's email.
ATTACK = {"display_name": "Mallory", "username": "mallory", "role": "staff",
          "language": "en", "email": "mallory@evil.example"}  # fmt: skip


def test_a_cross_site_post_without_cookies_plants_nothing_and_her_session_survives(
    app, client, client_as, staff
):
    mallory = create_user(username="mallory", display_name="Mallory")
    jo = client_as("staff")
    browser_on_evil_page = client  # SameSite=Lax: her cookies are not sent with this post
    response = browser_on_evil_page.post(
        f"/people/{mallory.id}", data=ATTACK, headers=FROM_ANOTHER_SITE
    )
    assert response.status_code == 400
    assert set_cookies(response) == []  # her cg_session is not replaced
    assert "Mallory" not in response.get_data(as_text=True)
    assert kept_forms(app) == []
    assert "You are signed in as" in jo.get("/").get_data(as_text=True)
    # Signing in again later shows her nothing of the attacker's.
    jo.post_form("/sign-out")
    assert jo.sign_in_as(staff).location == "/"
    assert jo.get("/send-again").location == "/"
    assert fetch(User, mallory.id).role == Role.MEMBER


def test_a_cross_site_post_that_carries_her_cookies_changes_nothing(app, client_as):
    """An old browser, or one set to send cookies everywhere."""
    mallory = create_user(username="mallory", display_name="Mallory")
    jo = client_as("staff")
    before = jo.get_cookie("cg_session").value
    response = jo.post(f"/people/{mallory.id}", data=ATTACK, headers=FROM_ANOTHER_SITE)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "We could not send that" in page
    assert "mallory@evil.example" not in page  # no "Send it again" with a fresh token
    assert set_cookies(response) == []
    assert jo.get_cookie("cg_session").value == before
    assert fetch(User, mallory.id).role == Role.MEMBER


def test_a_cross_site_post_after_her_visit_ended_keeps_nothing(app, client, staff):
    client.sign_in_as(staff)
    csrf = client.csrf_token()
    end_sign_ins(app, staff.id)
    response = client.post(
        "/people/new",
        data={"display_name": "Mallory", "role": "staff", "csrf_token": csrf},
        headers={"Origin": "https://evil.example"},
    )
    assert set_cookies(response) == []
    assert kept_forms(app) == []


def test_a_post_with_no_session_cookie_never_sets_one(app, client, staff):
    response = client.post("/people/new", data={"display_name": "Mallory", "role": "staff"})
    assert response.status_code == 400
    assert set_cookies(response) == []
    assert kept_forms(app) == []


def test_a_post_from_our_own_pages_still_works(app, client_as, member):
    jo = client_as("staff")
    response = jo.post_form(
        f"/people/{member.id}/password",
        {"password": "another-long-password"},
        headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302
    assert set_cookies(response) != []  # the flashed message is saved as usual


@pytest.mark.parametrize(
    ("headers", "cross"),
    [
        ({}, False),
        ({"Sec-Fetch-Site": "same-origin"}, False),
        ({"Sec-Fetch-Site": "cross-site"}, True),
        ({"Sec-Fetch-Site": "same-site"}, True),
        ({"Origin": "http://localhost"}, False),
        ({"Origin": "https://localhost"}, False),  # a proxy that ends HTTPS
        ({"Origin": "https://evil.example"}, True),
        ({"Origin": "null"}, True),
        ({"Referer": "http://localhost/people"}, False),
        ({"Referer": "https://evil.example/x"}, True),
    ],
)
def test_which_posts_count_as_from_another_site(app, headers, cross):
    from portal.accounts.cross_site import is_cross_site

    with app.test_request_context("/people/new", method="POST", headers=headers):
        assert is_cross_site() is cross
