"""Style sheets and scripts are sent minified (rcssmin, rjsmin), outside development.

Comments and spaces are about a third of their bytes even compressed, and a member's first
visit on a poor signal pays for every one of them (issue 21: a first visit under 50 kB). The
files in static/ stay as we write them; each is minified once per process (again only if it
changes) and sent at its usual address with its usual version, so the address, the year-long
cache and the offline worker's copy all stay as they were. In development the files go out as
written, for reading in the browser's tools. deploy/nginx hands .css and .js addresses to the
portal (everything else in static/ it sends itself), so every way of running it sends the same.
Already-minified files (htmx, `*.min.js`) go out as they are.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

import rcssmin
import rjsmin
from flask import Flask, Response, request
from werkzeug.security import safe_join

_MINIFIERS = {
    ".css": (rcssmin.cssmin, "text/css"),
    ".js": (rjsmin.jsmin, "text/javascript"),
}


@lru_cache(maxsize=64)
def minified(path: str, changed: float) -> tuple[bytes, str]:
    """The file at `path` minified, and an ETag for it (`changed`: when the file last changed,
    so an edited file is minified again)."""
    ending = os.path.splitext(path)[1]
    with open(path, encoding="utf-8") as handle:
        body = _MINIFIERS[ending][0](handle.read()).encode("utf-8")
    return body, hashlib.sha256(body).hexdigest()[:20]


def _file_to_minify(folder: str, filename: str) -> str | None:
    ending = os.path.splitext(filename)[1]
    if ending not in _MINIFIERS or filename.endswith(".min.js"):
        return None
    path = safe_join(folder, filename)
    # A name no file can have (a NUL, say) is not a file: the usual static view says 404.
    return path if path and os.path.isfile(path) else None


def init_static_minify(app: Flask) -> None:
    if app.config["PORTAL_ENV"] == "development":
        return
    send_as_written = app.view_functions["static"]

    def static(filename: str):
        path = _file_to_minify(app.static_folder, filename)
        if path is None:
            return send_as_written(filename=filename)
        body, etag = minified(path, os.stat(path).st_mtime)
        response = Response(body, mimetype=_MINIFIERS[os.path.splitext(path)[1]][1])
        # As Flask sends a static file: asked again each time, answered 304 if unchanged (a
        # versioned address is kept a year instead: static_versions.keep_versioned_files).
        response.cache_control.no_cache = True
        response.set_etag(etag)
        return response.make_conditional(request)

    app.view_functions["static"] = static
