"""Production defaults: cookies over HTTPS only, the right database driver, shared rate limits."""

from __future__ import annotations


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


def test_production_has_no_default_portal_url(monkeypatch, tmp_path):
    from portal.config import defaults

    monkeypatch.delenv("PORTAL_ENV", raising=False)
    monkeypatch.delenv("PORTAL_URL", raising=False)
    assert defaults(str(tmp_path))["PORTAL_URL"] == ""  # so create_app refuses to start
    monkeypatch.setenv("PORTAL_URL", "https://portal.example.org/")
    assert defaults(str(tmp_path))["PORTAL_URL"] == "https://portal.example.org"


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
