"""One way to answer both a full page load and an htmx request for a piece of that page."""

from __future__ import annotations

from typing import Any

from flask import Response, make_response, render_template, request
from jinja2_fragments.flask import render_block


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
