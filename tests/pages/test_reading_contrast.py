"""Every reading theme keeps 7:1 for text and 3:1 for borders and the focus ring, for the
colour pairs the stylesheets use together (static/css/portal.css and reading.css)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# Runs once, in the SQLite run: nothing here touches a database.
pytestmark = pytest.mark.without_database

STATIC = Path(__file__).resolve().parents[2] / "static" / "css"
TEXT_PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("text", "success-surface"),
    ("text", "error-surface"),
    ("text-soft", "background"),
    ("text-soft", "surface"),
    ("link", "background"),
    ("link", "surface"),
    ("link", "success-surface"),
    ("link", "error-surface"),
    ("primary", "background"),
    ("primary", "surface"),
    ("primary-text", "primary"),
    ("primary-text", "success"),
    ("success", "success-surface"),
    ("success", "background"),
    ("error", "error-surface"),
    ("error", "background"),
    ("error", "surface"),
]
EDGE_PAIRS = [("border", "background"), ("border", "surface"), ("text", "background")]


def _variables(css: str, selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r"\s*\{(.*?)\}", css, re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _themes() -> dict[str, dict[str, str]]:
    base = _variables((STATIC / "portal.css").read_text(), ":root")
    reading = (STATIC / "reading.css").read_text()
    return {
        "default": base,
        "dark": {**base, **_variables(reading, "html.theme-dark")},
        "low-glare": {**base, **_variables(reading, "html.theme-low-glare")},
    }


def test_the_contrast_sum_is_right():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# The default theme is portal.css's own; its bold session badges (success on success-surface,
# 6.9:1) count as large text there. The new themes meet 7:1 for every pair.
@pytest.mark.parametrize("theme", ["dark", "low-glare"])
def test_every_theme_meets_7_to_1_for_text_and_3_to_1_for_edges(theme):
    colours = _themes()[theme]
    low = [
        f"{fore} on {back}: {contrast(colours[fore], colours[back]):.2f}"
        for fore, back in TEXT_PAIRS
        if contrast(colours[fore], colours[back]) < 7
    ]
    low += [
        f"{edge} against {back}: {contrast(colours[edge], colours[back]):.2f}"
        for edge, back in EDGE_PAIRS
        if contrast(colours[edge], colours[back]) < 3
    ]
    assert low == []


@pytest.mark.parametrize("theme", ["dark", "low-glare"])
def test_the_new_count_badge_is_readable(theme):
    colours = _themes()[theme]
    assert contrast(colours["badge-text"], colours["badge"]) >= 7
    assert contrast(colours["primary"], colours["primary-text"]) >= 7
