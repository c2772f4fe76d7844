"""Installable: the manifest, its icons, the worker served from the root, and a strict CSP."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from portal.offline.views import THEME
from portal.security import CONTENT_SECURITY_POLICY

STATIC = Path(__file__).resolve().parents[2] / "static"


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_the_manifest_lets_a_phone_install_the_portal_starting_at_home(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data(as_text=True))
    assert manifest["name"] == "Common Ground"
    assert manifest["short_name"]
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        picture = client.get(icon["src"])
        assert picture.status_code == 200
        assert picture.data.startswith(b"\x89PNG")
        width, height = int.from_bytes(picture.data[16:20]), int.from_bytes(picture.data[20:24])
        assert f"{width}x{height}" == icon["sizes"]


def test_the_theme_colour_has_white_words_at_seven_to_one(client):
    manifest = client.get("/manifest.webmanifest").get_json(force=True)
    assert manifest["theme_color"] == THEME
    ratio = (1.05) / (_luminance(THEME) + 0.05)
    assert ratio >= 7
    assert manifest["background_color"] == "#ffffff"


def test_every_page_links_the_manifest_and_the_worker(client):
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<link rel="manifest" href="/manifest.webmanifest">', page)
    assert 'data-offline-worker="/sw.js"' in page
    assert re.search(r'<meta name="theme-color" content="#0b3d91">', page)
    assert "app-icons/icon-180.png" in page  # iPhone's home-screen icon


def test_the_worker_is_served_from_the_root_with_the_shell_of_this_release(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Service-Worker-Allowed"] == "/"
    first_line = response.get_data(as_text=True).splitlines()[0]
    settings = json.loads(first_line.removeprefix("self.OFFLINE = ").removesuffix(";"))
    assert re.fullmatch(r"[0-9a-f]{12}", settings["release"])
    shell = settings["shell"]
    for needed in ("css/portal.css", "js/htmx-2.0.11.min.js", "pictures/no-signal.svg"):
        assert any(needed in address and "?v=" in address for address in shell), needed
    assert not any("offline-worker.js" in address for address in shell)
    assert settings["offlinePage"] == "/offline"


def test_a_changed_static_file_makes_a_new_release(client):
    def release() -> str:
        text = client.get("/sw.js").get_data(as_text=True).splitlines()[0]
        return json.loads(text.removeprefix("self.OFFLINE = ").removesuffix(";"))["release"]

    before = release()
    extra = STATIC / "css" / "zz-test-release.css"
    try:
        extra.write_text("/* a new release */\n", encoding="utf-8")
        assert release() != before
    finally:
        extra.unlink()
    assert release() == before


def test_the_policy_stays_strict_and_names_the_worker_and_manifest(client):
    assert "worker-src 'self'" in CONTENT_SECURITY_POLICY
    assert "manifest-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    response = client.get("/sw.js")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    # The browser's own cache keeps no page: the worker decides what it keeps.
    assert client.get("/offline").headers["Cache-Control"] == "no-store"


def test_the_home_screen_help_is_linked_from_help_with_both_phones(client):
    help_page = client.get("/help").get_data(as_text=True)
    assert 'href="/help/home-screen"' in help_page
    page = html.unescape(client.get("/help/home-screen").get_data(as_text=True))
    assert '<h1 class="page-heading">' in page
    assert "Put Common Ground on your phone's home screen</span></h1>" in page
    assert "On an Android phone" in page and "On an iPhone" in page
    assert "pictures/phone-menu.svg" in page and "pictures/phone-share.svg" in page
