"""The line icons (Tabler, static/icons/*.svg) in one file, static/icons.svg, as <symbol>s.

A page draws an icon as a small <svg> that points at its symbol (`<use href="…icons.svg?v=…
#user">`) instead of carrying the icon's paths: a board draws some 250 icons (one per
supporter in each people row), and inline paths made it 160 kB to render, mark and compress.
The file has a version in its address, so a browser fetches it once and keeps it a year.

The drawing settings (no fill, the text colour, line width 2, round ends) stay on the page's
<svg>, never in the symbols: the symbol's lines inherit them, so the icon still takes the text
colour and CSS may still change its line width (the people row's big circles do).

Make the file again after adding or changing an icon (a test fails until you do):

    .venv/bin/python scripts/make_icon_sprite.py
"""

from __future__ import annotations

import re
from pathlib import Path

SPRITE = "icons.svg"
_SPACE = re.compile(r"\s+")
# Tabler's first path is an invisible 24x24 box, only there for drawing tools.
_BLANK_PATH = re.compile(r'<path stroke="none" d="M0 0h24v24H0z" fill="none" ?/>')
_INSIDE = re.compile(r"<svg[^>]*>(.*)</svg>", re.DOTALL)


def icon_paths(svg: str) -> str:
    """What an icon file draws, without its <svg> wrapper or the blank box."""
    flat = _BLANK_PATH.sub("", _SPACE.sub(" ", svg)).replace("> <", "><")
    return _INSIDE.search(flat).group(1).strip()


def sprite(static_folder: str) -> str:
    """Every icon as a <symbol> whose id is the icon's file name."""
    symbols = [
        f'<symbol id="{path.stem}" viewBox="0 0 24 24">{icon_paths(path.read_text())}</symbol>'
        for path in sorted((Path(static_folder) / "icons").glob("*.svg"))
    ]
    return '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
