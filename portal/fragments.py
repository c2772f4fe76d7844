"""Page parts drawn once and kept: `{% call kept_part("name", value, …) %}…{% endcall %}`.

A board's twenty rows were a third of its time, drawn the same way for every member who opens
it. A part wrapped in `kept_part` is drawn the first time its key is seen and kept (per process, the
least recently used dropped first); after that its HTML is looked up, not drawn.

The rule that keeps this safe: the key holds everything the part shows. The language and the
app's address prefix are added here; the part's own values (a concern's title, its count,
whether you support it, …) go in the call. Nothing is ever taken out early, since a change is a
new key. A part that reads anything else (the signed-in person, the time) must not be kept:
pass `when=False` for it and it is drawn every time. The CSRF token may be in a part: it is
kept in pieces around the token, and each request's own token is joined back in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2 import Undefined
from markupsafe import Markup

from portal.kept import SharedLRU, request_csrf_token

# A board row is about 2 kB: a few thousand rows is a few MB a worker, enough for the rows of
# every board's first pages in both languages.
PARTS_KEPT = 4096


# A part that shows the page's own address is kept only for a plain, short one: made-up query
# strings or paths would each be a new part, pushing the useful ones out.
ADDRESS_KEPT_UP_TO = 200


def _parts(app: Flask) -> SharedLRU[tuple[str, ...]]:
    parts = app.extensions.get("kept_page_parts")
    if parts is None:
        parts = app.extensions.setdefault("kept_page_parts", SharedLRU(PARTS_KEPT))
    return parts


def path_may_be_kept() -> bool:
    """For parts keyed by the page's path (the header): a page found, at a short address."""
    return request.endpoint is not None and len(request.path) <= ADDRESS_KEPT_UP_TO


def address_may_be_kept() -> bool:
    """For parts keyed by the page's whole address (the language switch, Welsh Listen):
    as path_may_be_kept, and asked for without a query string."""
    return not request.query_string and path_may_be_kept()


@dataclass
class RequestParts:
    """What every kept part of one request shares, looked up once (a board has 24), and the
    way to draw or look one up."""

    keeping: bool
    prefix: tuple[str, str]
    parts: SharedLRU[tuple[str, ...]]
    token: str | None = None  # this request's CSRF token, once a part needed it

    def kept(self, key: tuple, draw: Callable[[], Any], *, checked: bool = False) -> Markup:
        """The part `key` names: drawn by `draw()` the first time, looked up after that.
        `checked`: the caller built the key from Python values, never a Jinja Undefined."""
        # An undefined value would match every other undefined one: draw, never keep.
        if not self.keeping or (not checked and any(isinstance(value, Undefined) for value in key)):
            return Markup(draw())  # noqa: S704 (drawn by our own templates, escaped there)
        full_key = (*self.prefix, *key)
        pieces = self.parts.get(full_key)
        if pieces is None:
            drawn = str(draw())
            token = request_csrf_token()
            # Kept in pieces around the token, which goes back in with one join.
            pieces = tuple(drawn.split(token)) if token else (drawn,)
            self.parts.put(full_key, pieces)
        if len(pieces) == 1:
            return Markup(pieces[0])  # noqa: S704 (drawn by our own templates, escaped there)
        if self.token is None:
            self.token = request_csrf_token() or generate_csrf()
        return Markup(self.token.join(pieces))  # noqa: S704 (drawn by our own templates)


def request_parts() -> RequestParts:
    """This request's kept parts: a list drawn from Python (portal/concerns/rows.py) asks
    once, then calls `.kept(key, draw)` for each row; templates call `kept_part`."""
    state = g.get("_kept_parts")
    if state is None:
        app = current_app._get_current_object()
        state = g._kept_parts = RequestParts(
            keeping=app.config["KEEP_PAGE_PARTS"],
            prefix=(str(get_locale() or "en"), request.script_root),
            parts=_parts(app),
        )
    return state


def kept_part(*key, caller, when: bool = True) -> Markup:
    if not when:
        return caller()
    return request_parts().kept(key, caller)


def part_viewer() -> tuple | None:
    """Who is looking, as far as the menus care: their role (or signed out). None while a
    supporter is helping, since they see only what the member allowed: not kept then."""
    user = current_user._get_current_object()
    if not user.is_authenticated:
        return ("signed-out",)
    if user.helper is not None or not user.is_active:
        return None
    return (user.role.value,)
