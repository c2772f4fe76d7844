"""Small helpers for redirects that must stay on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


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
