"""Known gaps closed before a real organisation: Redis down, and passkeys tied to PORTAL_URL."""

from __future__ import annotations

import pytest
from limits.storage import storage_from_string

from portal.extensions import limiter
from portal.signin import limits
from tests.signin.soft_authenticator import SoftAuthenticator


@pytest.fixture
def redis_refuses():
    """The rate limit storage is a Redis that refuses every connection, as when it is down."""
    saved = (limiter._storage, limiter._limiter, limiter._storage_dead)
    dead = storage_from_string("redis://127.0.0.1:1/0")
    limiter._storage, limiter._limiter = dead, type(saved[1])(dead)
    limiter._storage_dead = False
    limits._MEMORY.clear()
    yield
    limiter._storage, limiter._limiter, limiter._storage_dead = saved
    limits._MEMORY.clear()  # this process's fallback counters must not reach the next test


def test_signing_in_works_while_redis_is_down(client, member, redis_refuses):
    wrong = client.post_form("/sign-in", {"username": "sam", "password": "not it at all!"})
    assert wrong.status_code == 200
    right = client.post_form("/sign-in", {"username": "sam", "password": "correct horse battery"})
    assert right.status_code in (200, 302)
    client.sign_in_as(member)
    assert client.get("/sessions").status_code == 200
    code = client.post_form("/sign-in/code", {"code": "ABCD EFGH"})
    assert code.status_code < 500


def test_limits_still_hold_in_memory_while_redis_is_down(app, client, member, redis_refuses):
    wrong = {"username": "sam", "password": "wrong password!!"}
    answers = [client.post_form("/sign-in", wrong).status_code for _ in range(7)]
    assert answers[:3] == [200] * 3  # counted in this process's memory ...
    assert answers[-1] == 429  # ... so the password still pauses, as with Redis


def test_passkeys_belong_to_portal_url_not_to_the_host_a_request_names(
    app, client, member, monkeypatch
):
    monkeypatch.setitem(app.config, "PORTAL_URL", "https://portal.example.org")
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", ["localhost", "portal.example.org"])
    client.sign_in_as(member)
    token = client.csrf_token()
    options = client.post("/my-sign-in/passkeys/options", headers={"X-CSRFToken": token})
    assert options.get_json()["rp"]["id"] == "portal.example.org"

    # A phone that made a passkey for the address the request came in on (localhost) is refused:
    # the origin checked is PORTAL_URL's.
    phone = SoftAuthenticator(origin="http://localhost", rp_id="localhost")
    added = client.post(
        "/my-sign-in/passkeys",
        json={"credential": phone.register(options.get_json())},
        headers={"X-CSRFToken": token},
    )
    assert added.status_code == 400
