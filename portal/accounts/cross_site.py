"""Posts from other websites: they never change this browser's cookies.

A page on another site can make a browser post a form here. SameSite=Lax keeps our cookies off
that post, so it looks like a signed-out visitor. If the answer set a new session cookie, it
would replace the person's real one (signing them out, and planting whatever the other site
chose). So a post that says it came from another site, or that carries no session cookie at
all, is answered without any Set-Cookie: the session is simply not saved.
"""

from __future__ import annotations

from contextlib import suppress
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import SecurityError

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _host_of(url: str) -> str | None:
    # The host and port only: behind a proxy that ends HTTPS the scheme we see can differ.
    parts = urlsplit(url)
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else None


def _our_hosts() -> set[str | None]:
    hosts = {_host_of(current_app.config.get("PORTAL_URL") or "")}
    # A host TRUSTED_HOSTS refuses is never ours (and is answered 400 anyway).
    with suppress(SecurityError):
        hosts.add(request.host.lower())
    return hosts - {None}


def is_cross_site() -> bool:
    """True when the browser says this request came from another site.

    Browsers send Sec-Fetch-Site, and Origin on every post; older ones send a Referer (our
    Referrer-Policy keeps it for our own pages). A request that sends none of them is a
    program or a very old browser, and is not treated as cross-site.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    if fetch_site in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("Origin")
    if origin is not None:
        return _host_of(origin) not in _our_hosts()  # "null" too: a sandboxed page
    if request.referrer:
        return _host_of(request.referrer) not in _our_hosts()
    return False


def may_set_cookies() -> bool:
    """False for a post from another site or without our session cookie."""
    if request.method in _SAFE_METHODS:
        return True
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return False
    return not is_cross_site()


class SameSiteSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, never saved in answer to a cross-site post."""

    def save_session(self, app, session, response) -> None:
        if not may_set_cookies():
            return
        super().save_session(app, session, response)


def init_cross_site(app: Flask) -> None:
    app.session_interface = SameSiteSessionInterface()
