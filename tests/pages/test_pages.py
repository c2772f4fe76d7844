"""Home, help, credits, the language switch and the health check."""

from __future__ import annotations

import pytest
import sqlalchemy as sa


@pytest.mark.parametrize("path", ["/", "/help", "/credits", "/sign-in"])
def test_public_pages_are_full_pages_with_one_heading(client, path):
    response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.startswith("<!doctype html>")
    assert page.count("<h1") == 1
    assert 'href="/help"' in page  # Help is in the same place on every page


def test_home_explains_the_portal_to_a_visitor(client):
    page = client.get("/").get_data(as_text=True)
    assert "What this website is for" in page
    assert "Sign in to take part" in page


@pytest.mark.parametrize(
    ("role", "sees_people"), [("member", False), ("co_trainer", False), ("staff", True)]
)
def test_home_shows_what_each_role_can_do(client_as, role, sees_people):
    page = client_as(role).get("/").get_data(as_text=True)
    assert "What you can do here" in page
    assert ("Look after people" in page) is sees_people
    assert ('href="/people"' in page) is sees_people


def test_help_gives_the_phone_number(app, client):
    page = client.get("/help").get_data(as_text=True)
    assert app.config["HELP_PHONE"] in page
    assert 'href="tel:' in page


def test_credits_name_every_licence(client):
    page = client.get("/credits").get_data(as_text=True)
    for words in ("OpenMoji", "BY-SA 4.0", "Tabler Icons", "MIT", "htmx"):
        assert words in page


def test_language_comes_from_the_browser_first(client):
    page = client.get("/", headers={"Accept-Language": "cy,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="cy"' in page
    assert "Croeso i Common Ground" in page


def test_switching_language_and_back_when_signed_out(client):
    response = client.post_form("/language", {"language": "cy", "next": "/help"})
    assert response.status_code == 302
    assert response.location == "/help"
    page = client.get("/help").get_data(as_text=True)
    assert '<html lang="cy"' in page
    assert "Cael help" in page
    client.post_form("/language", {"language": "en", "next": "/help"})
    assert '<html lang="en"' in client.get("/help").get_data(as_text=True)


def test_language_is_kept_on_the_account(app, client_as, users_by_role):
    from portal.accounts.models import User
    from tests.factories import fetch

    client = client_as("member")
    client.post_form("/language", {"language": "cy", "next": "/"})
    assert fetch(User, users_by_role["member"].id).language == "cy"
    # A new browser signing in as the same person gets Welsh straight away.
    other = client_as("member")
    assert '<html lang="cy"' in other.get("/").get_data(as_text=True)


def test_account_language_wins_over_the_cookie(client_as):
    client = client_as("member")
    client.set_cookie("cg_language", "cy")
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_unknown_language_and_outside_next_are_ignored(client):
    response = client.post_form("/language", {"language": "xx", "next": "https://evil.example"})
    assert response.location == "/"
    assert client.get_cookie("cg_language") is None


def test_language_buttons_name_each_language_in_itself(client):
    page = client.get("/").get_data(as_text=True)
    assert 'lang="cy"' in page and ">Cymraeg<" in page
    assert 'lang="en"' in page and ">English<" in page
    assert 'aria-pressed="true"' in page


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_503_when_the_database_is_down(app, client, monkeypatch):
    from portal.extensions import db

    def broken(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("database is gone"))

    with app.app_context():
        monkeypatch.setattr(db.session, "execute", broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
