"""Compressed answers, and an ETag on every page so a client that kept it can get a 304.

**Compression** (Flask-Compress): pages are 20-85 kB of HTML and shrink to 4-6 kB, so a phone
on a slow connection waits far less. `make run` and gunicorn without nginx compress too. It runs
after every other hook, on the page as it is sent (glossary marks included). Zstandard when the
browser takes it (Chrome, Edge and Firefox, on phones too, since 2024), else brotli (Safari),
else gzip. Zstandard at level 6 makes pages the same size as brotli at level 4 (within 2 %,
bench/pages.py) in about 60 % of the time: brotli's level 4 clears a large table for every page,
and with the page's drawing just done that memory is no longer in the processor's cache, so it
cost 0.35-0.55 ms a page, the biggest single part of a session page's own time.

Pages hold secrets (a CSRF token, a person's details), and the BREACH attack guesses such a
secret byte by byte from the size of compressed answers, when another site can make the
person's browser load our pages thousands of times with words it chooses in them. So a page
is compressed only when the browser says the request came from our own pages, or from the
person typing the address or opening a bookmark (`Sec-Fetch-Site: same-origin` or `none`, sent
by every current browser). A request another site started (`cross-site`, `same-site`), or one
that does not say (an old browser, a script), gets the page uncompressed, so no other site can
ever measure a compressed page. (Our cookies are SameSite=Lax too, so such requests from
another site carry no session anyway, except top-level navigations; this closes those.)
Static files (CSS, scripts, pictures) hold no secret and are always compressed.

**ETag.** Every HTML page (and JSON answer) to a GET carries a strong ETag made from its bytes,
and a request whose If-None-Match names it gets 304 Not Modified with no body. The CSRF token
in a page is signed with the time, so it changes every second: the tag leaves it out, but
names the session's own token and the hour, so a kept page is never answered 304 for another
session, and its token is never more than an hour or two old (tokens last a day).

Browsers still keep no page (Cache-Control: no-store, portal/security.py): on a shared
computer, Back after signing out must never show the last person's pages, and only no-store
stops every browser doing that. So the browser itself never sends If-None-Match for a page:
the ETag is for code that keeps pages on purpose and clears them at sign-out (the agenda
editor's polling does, and so can an offline copy kept by a service worker).
"""

from __future__ import annotations

import hashlib
import time

from flask import Flask, Response, g, request, session
from flask_compress import Compress

_TAGGED_TYPES = frozenset({"text/html", "application/json"})
_ENCODINGS = ("br", "gzip", "deflate", "zstd")
_OWN_REQUESTS = frozenset({"same-origin", "none"})


class SameSiteCompress(Compress):
    """Flask-Compress, for pages only when our own pages (or the person) asked for them."""

    def after_request(self, response: Response) -> Response:
        if response.mimetype in _TAGGED_TYPES:
            response.vary.add("Sec-Fetch-Site")
            if request.headers.get("Sec-Fetch-Site") not in _OWN_REQUESTS:
                response.vary.add("Accept-Encoding")
                return response
        elif response.direct_passthrough and request.endpoint == "static":
            # A static file is sent straight from disk; read it (a few kB) so it is compressed
            # whole, and its file is closed with the answer (Flask-Compress's streaming
            # path would leave it open).
            response.direct_passthrough = False
            response.make_sequence()
        return super().after_request(response)


compress = SameSiteCompress()


def page_etag(body: bytes) -> str:
    """A tag for this page's words as this session sees them, whatever second it was made."""
    token = g.get("csrf_token")
    # SHA-256, not BLAKE2: most processors now compute it in hardware, twice as fast here.
    digest = hashlib.sha256()
    if token:
        body = body.replace(token.encode(), b"")
        digest.update(session.get("csrf_token", "").encode())
        digest.update(str(int(time.time() // 3600)).encode())
    digest.update(body)
    return digest.hexdigest()[:32]


def _matches(etag: str) -> str | None:
    """The tag the client sent, when it names this page: plain, or with Flask-Compress's
    ":br"/":gzip" ending (the tag of the compressed answer it received)."""
    wanted = {etag} | {f"{etag}:{encoding}" for encoding in _ENCODINGS}
    for sent in request.if_none_match:
        if sent in wanted:
            return sent
    return None


def tag_page(response: Response) -> Response:
    if (
        request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.mimetype not in _TAGGED_TYPES
        or response.direct_passthrough
        or response.is_streamed
        or "ETag" in response.headers
    ):
        return response
    etag = page_etag(response.get_data())
    sent = _matches(etag)
    if sent is None:
        response.set_etag(etag)
        return response
    not_modified = Response(status=304)
    not_modified.set_etag(sent.removeprefix('"').removesuffix('"'))
    for header in ("Cache-Control", "Vary", "Content-Security-Policy", "Set-Cookie"):
        for value in response.headers.getlist(header):
            not_modified.headers.add(header, value)
    return not_modified


def init_conditional(app: Flask) -> None:
    """Compression first, so it runs last of the after_request hooks; the ETag just before."""
    app.config.setdefault("COMPRESS_ALGORITHM", ["zstd", "br", "gzip"])
    app.config.setdefault("COMPRESS_ZSTD_LEVEL", 6)
    # Streamed answers (downloads) are sent as they are: nothing streamed is large and hot.
    app.config.setdefault("COMPRESS_STREAMS", False)
    compress.init_app(app)
    app.after_request(tag_page)
