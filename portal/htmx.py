"""One way to answer both a full page load and an htmx request for a piece of that page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Response, make_response, redirect, render_template, request
from jinja2_fragments.flask import render_block

from portal.urls import safe_next


def is_fragment_request() -> bool:
    """True when htmx asks for a piece of a page.

    Boosted navigation and history restores need the whole page, so they are not fragments.
    """
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(
    template: str, block: str | None = None, status: int = 200, **context: Any
) -> Response:
    """Render `template`, or only its `block` for an htmx request; the cache keys on HX-Request."""
    if block and is_fragment_request():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    if block:
        response.vary.add("HX-Request")
    return response


def page_path() -> str | None:
    """For an htmx request: the page it was sent from, as a path on this site (or None)."""
    htmx = getattr(request, "htmx", None)
    current = htmx.current_url if htmx else None
    if not current:
        return None
    parts = urlsplit(current)
    return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))


def go_to_page(url: str) -> Response:
    """Send the person to a whole page. For htmx an empty 204 with HX-Redirect, so the page
    changes instead of a whole page being swapped into a piece of one; else a 302."""
    if getattr(request, "htmx", None):
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
    else:
        response = redirect(url)
    response.vary.add("HX-Request")
    return response
