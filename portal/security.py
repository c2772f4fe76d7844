"""Headers that make every response safer, the hosts we answer to, and trust in a proxy."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_babel import gettext as _
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import check_own_address

# No inline script or style anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        # The service worker (/sw.js) and the web app manifest: our own, like everything else.
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Two years, every subdomain: browsers then never try plain http for the portal.
STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains"


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config["PORTAL_ENV"] != "development":
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    keep_out_of_caches(response)
    return response


def keep_out_of_caches(response: Response) -> None:
    """Only our static files may be kept; everything else can hold personal details.

    Pages, CSV exports (names, help needs), calendar files, JSON and QR codes are all served to
    a signed-in person or carry someone's details, whatever their type: no cache keeps them,
    not a shared one and not the phone's own. A view may add to this (say `private`), never drop it.
    """
    if request.endpoint == "static":
        return
    if not response.cache_control.no_store:
        response.headers["Cache-Control"] = "no-store"


def wrong_host(error: SecurityError) -> Response:
    """A request for a host name that is not ours (Flask's TRUSTED_HOSTS): a plain, short 400.

    No page template: building its links needs the very host that was refused.
    """
    text = _("This address is not for this website. Check the address and try again.")
    return Response(text + "\n", status=400, mimetype="text/plain")


def trust_the_proxy(app: Flask) -> None:
    """Behind PROXY_FIX_HOPS proxies, believe their client address and scheme, not a host.

    The host stays the Host header, checked against TRUSTED_HOSTS; X-Forwarded-Host is ignored,
    so nobody can choose the address the portal thinks it has.
    """
    hops = app.config["PROXY_FIX_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)


def init_security(app: Flask) -> None:
    check_own_address(app.config)
    trust_the_proxy(app)
    if app.config["SESSION_COOKIE_SECURE"]:
        app.config.setdefault("PREFERRED_URL_SCHEME", "https")
    app.register_error_handler(SecurityError, wrong_host)
    app.after_request(add_security_headers)
