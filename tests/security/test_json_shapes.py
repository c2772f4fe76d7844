"""The passkey endpoints answer 400 to any JSON shape they do not expect, never a 500."""

from __future__ import annotations

import json

import pytest

SHAPES = [
    [],
    ["credential"],
    "credential",
    None,
    12,
    True,
    {},
    {"credential": None},
    {"credential": []},
    {"credential": "abc"},
    {"credential": {"id": 5}},
    {"credential": {"id": "abc"}},
    {"credential": {"id": "abc", "response": []}},
    {"credential": {"id": "abc", "response": {"clientDataJSON": 5}}},
    {"credential": {"id": "abc", "response": {"clientDataJSON": "not base64 \x00"}}},
]


@pytest.fixture
def token(client):
    return client.csrf_token()


@pytest.mark.parametrize("body", SHAPES, ids=lambda body: json.dumps(body)[:40])
def test_passkey_sign_in_refuses_each_wrong_shape(client, token, body):
    response = client.post("/sign-in/passkey", json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 400
    assert response.get_json()["ok"] is False


@pytest.mark.parametrize("body", SHAPES, ids=lambda body: json.dumps(body)[:40])
def test_adding_a_passkey_refuses_each_wrong_shape(client_as, body):
    client = client_as("member")
    response = client.post(
        "/my-sign-in/passkeys", json=body, headers={"X-CSRFToken": client.csrf_token()}
    )
    assert response.status_code == 400
    assert response.get_json()["ok"] is False


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("{not json", "application/json"),
        ('{"credential": {}}', "text/plain"),
        ("", "application/json"),
        ("\x00", "application/json"),
    ],
)
def test_passkey_sign_in_refuses_bad_json_and_wrong_types(client, token, data, content_type):
    response = client.post(
        "/sign-in/passkey", data=data, content_type=content_type, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 400


def test_a_passkey_id_that_is_not_base64url_is_refused_even_with_a_real_challenge(client, token):
    # Anyone can fetch a challenge and wrap their own answer round it; a NUL in the id used to
    # reach the database, which PostgreSQL refuses with an error.
    import base64

    options = client.post("/sign-in/passkey/options", headers={"X-CSRFToken": token}).get_json()
    client_data = json.dumps(
        {"type": "webauthn.get", "challenge": options["challenge"], "origin": "http://localhost"}
    )
    encoded = base64.urlsafe_b64encode(client_data.encode()).decode().rstrip("=")
    for bad_id in ("a\x00b", "a b", "", "x" * 1401):
        body = {"credential": {"id": bad_id, "response": {"clientDataJSON": encoded}}}
        response = client.post("/sign-in/passkey", json=body, headers={"X-CSRFToken": token})
        assert response.status_code == 400
        assert response.get_json()["ok"] is False
