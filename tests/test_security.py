"""Security built in: headers, cookies, CSRF, escaping."""

from __future__ import annotations

import pytest


def test_every_page_sends_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script(client_as):
    for role in (None, "staff"):
        page = client_as(role).get("/people" if role else "/").get_data(as_text=True)
        assert "<script>" not in page
        assert " on" + "click=" not in page


def test_session_cookie_is_hardened(client, member):
    response = client.post_form("/sign-in", {"username": "sam", "password": "a-long-test-password"})
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("cg_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_defaults_use_secure_cookies(monkeypatch, tmp_path):
    from portal.config import defaults

    monkeypatch.delenv("PORTAL_ENV", raising=False)
    settings = defaults(str(tmp_path))
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_SECURE"] is True
    monkeypatch.setenv("PORTAL_ENV", "development")
    assert defaults(str(tmp_path))["SESSION_COOKIE_SECURE"] is False


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


def test_secret_key_is_generated_once_into_instance(tmp_path, monkeypatch):
    from portal.config import secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(str(tmp_path))
    assert len(first) == 64
    assert secret_key(str(tmp_path)) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert secret_key(str(tmp_path)) == "from-the-environment"


def test_database_url_gets_the_psycopg_driver(monkeypatch, tmp_path):
    from portal.config import database_url

    monkeypatch.setenv("DATABASE_URL", "postgres://u@h:5432/db")
    assert database_url(str(tmp_path)) == "postgresql+psycopg://u@h:5432/db"
    monkeypatch.delenv("DATABASE_URL")
    assert database_url(str(tmp_path)).startswith("sqlite:///")


def test_rate_limits_use_redis_when_configured(monkeypatch, tmp_path):
    from portal.config import defaults

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert defaults(str(tmp_path))["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    monkeypatch.delenv("REDIS_URL")
    assert defaults(str(tmp_path))["RATELIMIT_STORAGE_URI"] == "memory://"
