"""One way to answer both a full page load and an htmx request for a piece of that page.

A view calls `render_page` for a page that htmx may ask a piece of, and `answer` after a
post: the piece for htmx, else a flashed message and a redirect. The piece is always a
block of the page's own template (a row inside a loop is a macro, called from a block), so
one template holds both shapes. `init_htmx` says `Vary: HX-Request` on every response, so
no view has to remember it and no cache mixes a piece up with a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, flash, make_response, redirect, render_template, request
from jinja2_fragments.flask import render_block

from portal.urls import safe_next


def init_htmx(app: Flask) -> None:
    @app.after_request
    def vary_on_htmx(response: Response) -> Response:
        response.vary.add("HX-Request")
        return response


def is_fragment_request() -> bool:
    """True when htmx asks for a piece of a page.

    Boosted navigation and history restores need the whole page, so they are not fragments.
    """
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(
    template: str, block: str | None = None, status: int = 200, **context: Any
) -> Response:
    """Render `template`, or only its `block` for an htmx request."""
    if block and is_fragment_request():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    return make_response(body, status)


def answer(
    template: str,
    block: str,
    *,
    to: str,
    flash_message: str | None = None,
    flash_error: bool = False,
    status: int = 200,
    lazy_context: Callable[[], dict[str, Any]] | None = None,
    **context: Any,
) -> Response:
    """After a post: for htmx the `block` of `template`, rendered with `context` (the block
    says what happened itself); without JavaScript `flash_message` is flashed at the top of
    the page the person goes `to`. Values that cost queries come from `lazy_context`, called
    only for htmx: the redirect's page loads its own."""
    if is_fragment_request():
        context.update(lazy_context() if lazy_context else {})
        return make_response(render_block(template, block, **context), status)
    if flash_message:
        flash(flash_message, "error" if flash_error else "success")
    return redirect(to)


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
        return response
    return redirect(url)
