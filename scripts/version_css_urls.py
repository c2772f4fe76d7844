"""Give each file a style sheet asks for (the typefaces) its hash in the address (?v=…), so
browsers keep it a year (portal/static_versions.py). Run after changing a typeface file, then
commit the style sheets (a test fails until you do):

    /work/main/.venv/bin/python scripts/version_css_urls.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal.static_versions import css_with_versions  # noqa: E402 (after the path is set)

if __name__ == "__main__":
    static = ROOT / "static"
    for sheet in sorted((static / "css").glob("*.css")):
        css = sheet.read_text()
        versioned = css_with_versions(css, str(static))
        if versioned != css:
            sheet.write_text(versioned)
            print(f"Wrote {sheet.relative_to(ROOT)}")
