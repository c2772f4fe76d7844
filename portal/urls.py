"""Addresses: links that leave the site, and redirects that must stay on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, request, url_for

from portal.kept import SharedLRU

# Stands in for the number while an address is built once (see url_for_each).
_STAND_IN_NUMBER = 987654321


def external_url(endpoint: str, **values: Any) -> str:
    """The full address of `endpoint`, always under PORTAL_URL.

    Links that leave the site (emails, card QR codes, calendars) must never come from the
    request: a forged Host or X-Forwarded-Host would send a real sign-in link to another site.
    So this builds from PORTAL_URL alone, and works outside requests too (`flask notices run`).
    This is the only place that builds a full address: a test checks no `_external=True`
    is used anywhere else.
    """
    app = current_app._get_current_object()
    own = urlsplit(app.config["PORTAL_URL"])
    app.inject_url_defaults(endpoint, values)
    adapter = app.url_map.bind(
        own.netloc, script_name=own.path or "/", url_scheme=own.scheme, subdomain=""
    )
    return adapter.build(endpoint, values, force_external=True)


def own_host() -> str:
    """PORTAL_URL's host name, e.g. for calendar event ids that must stay the same."""
    return urlsplit(current_app.config["PORTAL_URL"]).hostname or "localhost"


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (never an open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    # A control character (a newline, say) cannot go in a Location header: Werkzeug would fail.
    if any(ord(character) < 32 or ord(character) == 127 for character in target):
        return None
    return target


def url_for_each(endpoint: str, key: str, **values: Any) -> Callable[[int], str]:
    """`url_for(endpoint, key=number, **values)` for many numbers, built once: a board's rows
    ask for the same addresses 20 times, and each url_for costs a route build. Only for a
    whole number in the path, which goes in as its digits and nothing else."""
    before, after = url_for(endpoint, **{key: _STAND_IN_NUMBER}, **values).split(
        str(_STAND_IN_NUMBER)
    )
    return lambda number: f"{before}{int(number)}{after}"


# Addresses built once and kept (per process): enough for every board's sorts, filters and
# first pages; made-up query values only push older ones out.
ADDRESSES_KEPT = 2048
_KEPT_VALUE_TYPES = (int, str, type(None))


def kept_url_for(endpoint: str, **values: Any) -> str:
    """`url_for(endpoint, **values)`, built once for each set of values: an address with a
    query string costs 30 us to build, and a board page builds the same few on every view.
    Only for addresses on this site, from whole numbers and words (no `_external`, no
    `_anchor`), whose answer depends on nothing but them and the app's own prefix."""
    if any(name.startswith("_") for name in values) or not all(
        type(value) in _KEPT_VALUE_TYPES for value in values.values()
    ):
        raise TypeError("kept_url_for takes only whole numbers, words and None")
    app = current_app._get_current_object()
    kept = app.extensions.get("kept_addresses")
    if kept is None:
        kept = app.extensions.setdefault("kept_addresses", SharedLRU(ADDRESSES_KEPT))
    key = (request.script_root, endpoint, *sorted(values.items()))
    address = kept.get(key)
    if address is None:
        address = url_for(endpoint, **values)
        kept.put(key, address)
    return address
