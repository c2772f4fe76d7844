"""Benchmark: how many bytes a first visit to Home downloads, gzip-compressed, all told.

    .venv/bin/python bench/first_visit.py

Seeds the demo data (SQLite in a temporary folder), signs in as the demo member Sam, and
opens Home as a browser with nothing kept: the page, then every file the page asks for (the
style sheets, scripts, pictures but those loaded lazily in hidden messages, the icon sprite
once, the tab's icon) and the typeface files
the style sheets ask for only when the reader chose the clear typeface (counted apart). Each
is counted gzip-compressed at level 6, as nginx and Flask-Compress send it; WOFF2 and PNG
files are compressed already and are counted as they are. Target (issue 21): 50 kB or less.
The service worker's own download of the offline shell, after the page has loaded, is not
part of the visit (portal/offline/worker.py says what it keeps).
"""

from __future__ import annotations

import gzip
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import make_app

TARGET = 50_000
_ASKED = re.compile(
    r'(?:<link[^>]+rel="(?:stylesheet|icon)"[^>]+href|<script[^>]+src|<img[^>]+src|<use href)="([^"]+)"'
)
_LAZY = re.compile(r'<img[^>]+loading="lazy"[^>]*>')
_FONT = re.compile(r'url\("\.\./(fonts/[^")]+)"\)')


def sent_size(body: bytes, path: str) -> int:
    if path.split("?")[0].endswith((".woff2", ".png")):
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def main() -> None:
    app = make_app()
    with app.app_context():
        from portal.demo import load_demo_data
        from portal.extensions import db

        load_demo_data()
        db.session.commit()
    client = app.test_client()
    client.get("/sign-in")
    signed_in = client.post("/sign-in", data={"username": "sam", "password": "sam-is-a-member"})
    assert signed_in.status_code == 302, "Sam could not sign in"
    page = client.get("/").get_data()
    rows = [("Home (the page)", sent_size(page, "/"))]
    fonts = {}
    # A lazy picture is in a message that starts hidden: a browser fetches it only if it shows.
    shown = _LAZY.sub("", page.decode())
    asked = (html.unescape(address).split("#")[0] for address in _ASKED.findall(shown))
    for address in dict.fromkeys(asked):  # each file once, as a browser asks for it
        body = client.get(address).get_data()
        rows.append((address.split("?")[0].removeprefix("/static/"), sent_size(body, address)))
        if address.split("?")[0].endswith(".css"):
            for font in _FONT.findall(body.decode()):
                fonts[font.split("?")[0]] = sent_size(
                    client.get("/static/" + font).get_data(), font
                )
    total = sum(size for _, size in rows)
    for name, size in rows:
        print(f"{name:45} {size:8,}")
    print(f"{'First visit, all told (gzip)':45} {total:8,}   target {TARGET:,}")
    print(f"\nOnly with the clear typeface chosen, as the page uses them: {sum(fonts.values()):,}")
    for name, size in fonts.items():
        print(f"  {name:43} {size:8,}")
    if total > TARGET:
        sys.exit("Over the target.")


if __name__ == "__main__":
    main()
