"""Static file addresses carry a short hash of the file (?v=...), so nginx lets browsers keep
them for a year (deploy/nginx): a changed file has a new address, and is fetched at once."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask


@cache
def _hash(static_folder: str, filename: str, changed: float) -> str | None:
    path = Path(static_folder) / filename
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    except (OSError, ValueError):  # no such file: the address stays, and 404s as it would
        return None


def init_static_versions(app: Flask) -> None:
    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint != "static" or "v" in values:
            return
        filename = values.get("filename", "")
        path = Path(app.static_folder) / filename
        try:
            changed = path.stat().st_mtime  # a file edited in development gets a new hash
        except (OSError, ValueError):  # no such file, or a name no file can have (a NUL)
            return
        version = _hash(app.static_folder, filename, changed)
        if version:
            values["v"] = version
