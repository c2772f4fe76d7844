"""CSRF on every form and htmx request (other attacks: tests/security/)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/sign-in", {"username": "sam", "password": "a-long-test-password"}),
        ("/language", {"language": "cy"}),
        ("/sign-out", {}),
        ("/people/new", {"display_name": "X", "username": "xx", "password": "a-long-password"}),
    ],
)
def test_posts_without_a_csrf_token_are_refused(client_as, member, path, data):
    response = client_as("staff").post(path, data=data)
    assert response.status_code == 400
    # No token at all may be a forged post: nothing of it is offered to send again.
    assert "We could not send that" in response.get_data(as_text=True)


def test_htmx_requests_need_the_csrf_header_too(client_as, users_by_role):
    client = client_as("staff")
    member = users_by_role["member"]
    refused = client.post(
        f"/people/{member.id}/active", data={"active": "0"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 400
    token = client.csrf_token()
    accepted = client.post(
        f"/people/{member.id}/active",
        data={"active": "0"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert accepted.status_code == 200


def test_every_page_carries_the_csrf_header_for_htmx(client):
    page = client.get("/").get_data(as_text=True)
    assert "hx-headers='{&#34;X-CSRFToken&#34;" in page or 'hx-headers=\'{"X-CSRFToken"' in page
