"""Easy-read error pages that say what happened and what to do next."""

from __future__ import annotations

from tests.security.signin_helpers import forms_are_too_old


def test_404_is_easy_read(client):
    response = client.get("/no-such-page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "We cannot find this page" in page
    assert "Go to the home page" in page


def test_403_is_easy_read(client_as):
    response = client_as("member").get("/people")
    assert response.status_code == 403
    assert "This page is for other people." in response.get_data(as_text=True)


def test_500_is_easy_read_and_hides_details(app, client, monkeypatch):
    from portal.pages import views

    def explode():
        raise RuntimeError("secret internal detail")

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setitem(app.view_functions, "pages.credits", explode)
    response = client.get("/credits")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in page
    assert "It is not your fault." in page
    assert "secret internal detail" not in page
    assert views  # the real view is restored by monkeypatch


def test_expired_form_keeps_what_was_typed_but_never_a_password(app, client_as):
    client = client_as("staff")
    old_token = client.csrf_token()
    with forms_are_too_old(app):
        response = client.post(
            "/people/new",
            data={
                "display_name": "Megan Ball",
                "username": "megan",
                "password": "should-not-come-back",
                "csrf_token": old_token,
            },
        )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "We kept what you typed" in page
    assert 'value="Megan Ball"' in page
    assert 'action="/people/new"' in page
    assert "should-not-come-back" not in page
    assert f"<dd>{old_token}</dd>" not in page  # the token is never kept as a typed word


def test_sending_the_kept_form_again_works(app, client_as):
    import re

    client = client_as("staff")
    old_token = client.csrf_token()
    with forms_are_too_old(app):
        expired = client.post(
            "/people/new",
            data={"display_name": "Megan Ball", "username": "megan", "role": "member",
                  "language": "en", "csrf_token": old_token},
        ).get_data(as_text=True)  # fmt: skip
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', expired))
    fields["password"] = "a-long-new-password"
    response = client.post("/people/new", data=fields)
    assert response.status_code == 302
    assert "Megan Ball now has an account." in client.get("/people").get_data(as_text=True)
