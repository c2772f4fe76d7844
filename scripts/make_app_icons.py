"""Make the home-screen icons (static/app-icons/*.png) from the portal's own picture.

Phones ask for PNG: Android 192 and 512 px (and a "maskable" one it may cut to a circle, so the
picture sits inside the middle 80 %), iPhone 180 px. Run once when the picture changes, then
commit the PNGs:

    /work/main/.venv/bin/python scripts/make_app_icons.py

It draws with Chromium through Playwright (already needed for the browser tests).
"""

from __future__ import annotations

import base64
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PICTURE = ROOT / "static" / "pictures" / "together.svg"
OUT = ROOT / "static" / "app-icons"
CHROMIUM = "/usr/bin/chromium"
# (file name, size, share of the square the picture takes)
ICONS = [
    ("icon-180.png", 180, 0.84),
    ("icon-192.png", 192, 0.84),
    ("icon-512.png", 512, 0.84),
    ("icon-maskable-512.png", 512, 0.62),
]


def page_for(size: int, share: float) -> str:
    svg = base64.b64encode(PICTURE.read_bytes()).decode()
    inner = round(size * share)
    return (
        "<!doctype html><html><body style='margin:0'>"
        f"<div style='width:{size}px;height:{size}px;background:#ffffff;display:flex;"
        "align-items:center;justify-content:center'>"
        f"<img src='data:image/svg+xml;base64,{svg}' width='{inner}' height='{inner}'>"
        "</div></body></html>"
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, size, share in ICONS:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(page_for(size, share))
            page.screenshot(
                path=str(OUT / name), clip={"x": 0, "y": 0, "width": size, "height": size}
            )
            page.close()
            print(OUT / name)
        browser.close()


if __name__ == "__main__":
    main()
