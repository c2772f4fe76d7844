"""Headers on every response: no inline script, no framing, HTTPS only in production."""

from __future__ import annotations


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


def test_production_tells_browsers_to_use_https_only(client):
    # The test app runs with production settings (PORTAL_ENV is not development).
    for path in ("/", "/help", "/no-such-page"):
        header = client.get(path).headers["Strict-Transport-Security"]
        assert header == "max-age=63072000; includeSubDomains"


def test_development_sends_no_hsts(app, client, monkeypatch):
    # http://127.0.0.1 in development: HSTS there would stick to the browser for two years.
    monkeypatch.setitem(app.config, "PORTAL_ENV", "development")
    assert "Strict-Transport-Security" not in client.get("/").headers
