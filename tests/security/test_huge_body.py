"""A request bigger than the portal ever needs gets an easy-read 413 page, before it is read."""

from __future__ import annotations


def test_the_size_limit_is_a_setting_of_one_megabyte(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024


def test_a_huge_form_gets_the_easy_read_too_big_page(client):
    token = client.csrf_token()
    response = client.post(
        "/sign-in", data={"csrf_token": token, "username": "x" * (2 * 1024 * 1024)}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "That was too much to send" in page
    assert "Make it shorter" in page


def test_a_huge_json_body_gets_413(client):
    response = client.post(
        "/sign-in/passkey",
        data=b"[" + b"1," * (600 * 1024) + b"1]",
        content_type="application/json",
        headers={"X-CSRFToken": client.csrf_token()},
    )
    assert response.status_code == 413


def test_the_too_big_page_is_in_welsh_too(client):
    client.set_cookie("cg_language", "cy")
    response = client.post("/sign-in", data={"username": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "That was too much to send" not in response.get_data(as_text=True)


def test_an_ordinary_form_is_well_under_the_limit(client, member):
    response = client.post_form("/sign-in", {"username": "sam", "password": "y" * 20_000})
    assert response.status_code == 200
