"""The service worker's script: our own small worker (static/js/offline-worker.js), told the
release it belongs to and the shell it caches at install.

The release is a hash of the worker and of every shell address, and each address carries its
file's own hash (?v=..., portal/static_versions.py). Any changed file makes a new release, so
the browser sees a changed worker, installs the new shell and then throws the old one away.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import current_app, url_for

WORKER = "js/offline-worker.js"
# What every page needs to look right with no signal, kept at install: styles, scripts, the
# letters of the "extra clear" typeface and the pictures of the offline page. About 220 KB (100 KB
# compressed) in some 20 requests: little data, and little load on the server. The other
# pictures are kept as pages use them, and those on the pages saved for a person are kept
# with those pages (static/js/offline-worker.js).
SHELL_PATTERNS = (
    "css/*.css",
    "icons.svg",  # every line icon (portal/icon_sprite.py)
    "js/*.js",
    "fonts/atkinson-hyperlegible-latin-[0-9]*.woff2",
    "pictures/no-signal.svg",
    "pictures/together.svg",
    "pictures/mobile.svg",
    "pictures/done.svg",
    "pictures/wait.svg",
)


def shell_addresses() -> list[str]:
    folder = Path(current_app.static_folder)
    names = sorted(
        str(path.relative_to(folder))
        for pattern in SHELL_PATTERNS
        for path in folder.glob(pattern)
        if path.name != Path(WORKER).name
    )
    return [url_for("static", filename=name) for name in names]


def worker_script() -> str:
    """The worker, with its release and shell in front (JSON, so no address can break out)."""
    source = (Path(current_app.static_folder) / WORKER).read_text(encoding="utf-8")
    shell = shell_addresses()
    release = hashlib.sha256(json.dumps([source, shell]).encode()).hexdigest()[:12]
    settings = {
        "release": release,
        "shell": shell,
        "offlinePage": url_for("offline.offline_page"),
        "pagesList": url_for("offline.pages_to_keep"),
        "freshToken": url_for("offline.fresh_token"),
    }
    return f"self.OFFLINE = {json.dumps(settings)};\n{source}"
