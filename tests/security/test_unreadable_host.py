"""A forged Host header gets a plain 4xx, never a 500."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("host", ["x" * 300, "a\x00b"])
@pytest.mark.parametrize("path", ["/", "/sessions/1", "/no-such-page"])
def test_an_unreadable_host_never_breaks_a_page(client, host, path):
    assert client.get(path, headers={"Host": host}).status_code < 500


def test_a_passkey_cannot_be_asked_for_by_a_host_that_reads_as_nothing(client):
    # Werkzeug reads a Host with a NUL as "", and the passkey library refused an empty name.
    response = client.post(
        "/sign-in/passkey/options", headers={"Host": "a\x00b", "X-CSRFToken": client.csrf_token()}
    )
    assert response.status_code == 400


def test_a_post_to_a_host_we_refuse_is_answered_4xx_even_with_a_cookie_and_origin(app):
    # Deciding whether the answer may set a cookie reads the host too: it must not fail again.
    browser = app.test_client(use_cookies=False)
    for header in ({"Origin": "http://localhost"}, {"Referer": "http://localhost/help"}):
        response = browser.post(
            "/sign-in/email",
            headers={"Host": "evil.example", "Cookie": "cg_session=anything", **header},
        )
        assert response.status_code == 400
