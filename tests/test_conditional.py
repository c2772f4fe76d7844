"""Compressed answers, ETags that give 304, and year-long caching of versioned static files."""

from __future__ import annotations

import gzip
import hashlib
import re

import brotli
import pytest

try:
    from compression import zstd  # Python 3.14
except ImportError:
    from backports import zstd
from flask import url_for

from portal.static_versions import LONG_CACHE
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("asked", "encoding", "decode"),
    [
        # As Chrome, Edge and Firefox ask (on phones too), then Safari, then an old browser.
        ("gzip, deflate, br, zstd", "zstd", zstd.decompress),
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
    ],
    ids=["zstandard", "brotli", "gzip"],
)
def test_pages_are_compressed_as_the_browser_asks(client_as, asked, encoding, decode):
    client = client_as("member")
    plain = client.get("/concerns").get_data()
    response = client.get(
        "/concerns", headers={"Accept-Encoding": asked, "Sec-Fetch-Site": "same-origin"}
    )
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "HX-Request" in response.headers["Vary"]  # the htmx hook's Vary is kept
    assert len(response.get_data()) < len(plain) / 3
    words = decode(response.get_data())
    # The same page (its CSRF token is signed with the second, so leave it out).
    token = re.compile(rb"[\w-]{20,}\.[\w-]{4,}\.[\w-]{10,}")
    assert token.sub(b"", words) == token.sub(b"", plain)


@pytest.mark.parametrize("fetch_site", [None, "cross-site", "same-site"])
def test_a_page_another_site_asked_for_is_never_compressed(client_as, fetch_site):
    """BREACH: another site must never measure a compressed page that holds a secret."""
    headers = {"Accept-Encoding": "br, gzip"}
    if fetch_site:
        headers["Sec-Fetch-Site"] = fetch_site
    response = client_as("member").get("/concerns", headers=headers)
    assert "Content-Encoding" not in response.headers
    assert "<html" in response.get_data(as_text=True)
    assert {"Sec-Fetch-Site", "Accept-Encoding"} <= set(response.vary)


def test_a_page_opened_from_a_bookmark_is_compressed(client):
    headers = {"Accept-Encoding": "gzip", "Sec-Fetch-Site": "none"}
    assert client.get("/help", headers=headers).headers["Content-Encoding"] == "gzip"


def test_no_compression_unless_asked_and_none_for_tiny_answers(client):
    assert "Content-Encoding" not in client.get("/help").headers
    assert (
        "Content-Encoding" not in client.get("/healthz", headers={"Accept-Encoding": "br"}).headers
    )


def test_zstandard_pages_are_no_bigger_than_brotli_ones(client_as):
    """Zstandard is chosen first because it is quicker at the same size: a lower level would
    make a phone on poor data wait longer for every page."""
    client = client_as("member")
    sizes = {}
    for encoding in ("zstd", "br"):
        headers = {"Accept-Encoding": encoding, "Sec-Fetch-Site": "same-origin"}
        response = client.get("/concerns", headers=headers)
        assert response.headers["Content-Encoding"] == encoding
        sizes[encoding] = len(response.get_data())
    assert sizes["zstd"] <= sizes["br"] * 1.03


@pytest.mark.parametrize("encoding", ["zstd", "br"])
def test_a_page_has_an_etag_and_a_matching_request_gets_304(client_as, encoding):
    client = client_as("member")
    own = {"Accept-Encoding": encoding, "Sec-Fetch-Site": "same-origin"}
    first = client.get("/concerns", headers=own)
    etag = first.headers["ETag"]
    assert etag.endswith(f':{encoding}"')  # the compressed answer's own tag
    again = client.get("/concerns", headers={**own, "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "no-store"
    plain = client.get("/concerns", headers={"If-None-Match": etag.replace(f":{encoding}", "")})
    assert plain.status_code == 304


def test_the_etag_changes_with_the_page_and_with_the_person(app, client_as):
    sam = client_as("member")
    etag = sam.get("/concerns").headers["ETag"]
    # Another person's page never matches Sam's tag (their own session, name, token).
    alex = client_as("co_trainer")
    assert alex.get("/concerns", headers={"If-None-Match": etag}).status_code == 200
    # A new concern board changes the page: a full answer, with a new tag.
    from portal.concerns.services import create_board
    from portal.extensions import db

    with app.app_context():
        create_board(name="New board", picture="bus")
        db.session.commit()
    changed = sam.get("/concerns", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_signed_out_pages_keep_no_store_and_posts_get_no_etag(client):
    page = client.get("/help")
    assert page.headers["Cache-Control"] == "no-store"
    assert "ETag" in page.headers
    assert "ETag" not in client.post_form("/settings", {"size": "large"}).headers


def test_versioned_static_files_are_kept_for_a_year(app, client):
    with app.test_request_context():
        address = url_for("static", filename="css/portal.css")
    digest = hashlib.sha256((ROOT / "static/css/portal.css").read_bytes()).hexdigest()[:10]
    assert address.endswith(f"?v={digest}")
    response = client.get(address, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"  # no secret in it: always compressed
    assert response.headers["Cache-Control"] == LONG_CACHE
    # Any other version (an old address after a deploy) is not promised for a year.
    old = client.get("/static/css/portal.css?v=0000000000")
    assert old.headers.get("Cache-Control") != LONG_CACHE
    assert client.get("/static/css/portal.css").headers.get("Cache-Control") != LONG_CACHE


def test_typefaces_are_asked_for_at_their_version_and_kept_for_a_year(client):
    from portal.static_versions import css_with_versions

    # Changed a typeface file? Run scripts/version_css_urls.py and commit the style sheets.
    for sheet in (ROOT / "static/css").glob("*.css"):
        css = sheet.read_text()
        assert css == css_with_versions(css, str(ROOT / "static")), sheet.name
    fonts = re.findall(
        r'url\("\.\./(fonts/[^"]+)"\)', (ROOT / "static/css/reading.css").read_text()
    )
    assert len(fonts) == 4
    for font in fonts:
        assert "?v=" in font
        response = client.get(f"/static/{font}")
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == LONG_CACHE
