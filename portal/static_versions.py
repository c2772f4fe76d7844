"""Static file addresses carry a short hash of the file (?v=...), so browsers keep them for a
year (here and in deploy/nginx): a changed file has a new address, and is fetched at once.

Outside development the files cannot change while the portal runs (a deploy restarts it), so
each file's hash and each picture's address are worked out once per process: a page draws
dozens of pictures, and a stat() and a url_for() for each cost more than the rest of a picture.
In development (`make run`) every address looks at the file again, so an edit shows at once.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from flask import Flask, Response, current_app, request, url_for

# A year, and never asked again: the address changes when the file does.
LONG_CACHE = "public, max-age=31536000, immutable"


# A file a style sheet asks for (the typefaces), by its address beside the style sheets.
_CSS_URL = re.compile(r'url\("\.\./([^"?#)]+)(?:\?v=[0-9a-f]*)?"\)')


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


@cache
def _hash(static_folder: str, filename: str, changed: float) -> str | None:
    try:
        return content_hash(Path(static_folder) / filename)
    except (OSError, ValueError):  # no such file: the address stays, and 404s as it would
        return None


def css_with_versions(css: str, static_folder: str) -> str:
    """A style sheet whose url("../fonts/…") addresses carry their file's hash, so typefaces
    are kept a year too. scripts/version_css_urls.py writes them; a test checks they are
    current."""

    def versioned(match: re.Match) -> str:
        filename = match.group(1)
        return f'url("../{filename}?v={content_hash(Path(static_folder) / filename)}")'

    return _CSS_URL.sub(versioned, css)


def _changed(static_folder: str, filename: str) -> float | None:
    try:
        return (Path(static_folder) / filename).stat().st_mtime
    except (OSError, ValueError):  # no such file, or a name no file can have (a NUL)
        return None


def file_version(app: Flask, filename: str) -> str | None:
    """The file's short hash; None when there is no such file."""
    if app.config["PORTAL_ENV"] == "development":
        changed = _changed(app.static_folder, filename)  # an edited file gets a new hash
        return None if changed is None else _hash(app.static_folder, filename, changed)
    known = app.extensions.setdefault("static_versions", {})
    if filename not in known:
        changed = _changed(app.static_folder, filename)
        known[filename] = None if changed is None else _hash(app.static_folder, filename, changed)
    return known[filename]


def static_url(filename: str) -> str:
    """`url_for("static", filename=...)`, with its version, remembered outside development."""
    app = current_app._get_current_object()
    if app.config["PORTAL_ENV"] == "development":
        return url_for("static", filename=filename)
    known = app.extensions.setdefault("static_urls", {})
    key = (request.script_root, filename)
    address = known.get(key)
    if address is None:
        address = known[key] = url_for("static", filename=filename)
    return address


def keep_versioned_files(response: Response) -> Response:
    """A static file asked for at its current version may be kept for a year, by anyone."""
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    filename = (request.view_args or {}).get("filename", "")
    asked = request.args.get("v")
    if asked and asked == file_version(current_app, filename):
        response.headers["Cache-Control"] = LONG_CACHE
    return response


def init_static_versions(app: Flask) -> None:
    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint != "static" or "v" in values:
            return
        version = file_version(app, values.get("filename", ""))
        if version:
            values["v"] = version

    app.after_request(keep_versioned_files)
