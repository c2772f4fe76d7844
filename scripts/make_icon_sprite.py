"""Make static/icons.svg, every line icon as a <symbol> (portal/icon_sprite.py says why).

Run after adding or changing a file in static/icons/, then commit static/icons.svg:

    /work/main/.venv/bin/python scripts/make_icon_sprite.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal.icon_sprite import SPRITE, sprite  # noqa: E402 (after the path is set)

if __name__ == "__main__":
    (ROOT / "static" / SPRITE).write_text(sprite(str(ROOT / "static")))
    print(f"Wrote static/{SPRITE}")
