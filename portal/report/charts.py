"""Bar charts drawn on the server as SVG: no script, readable without colour, printable.

Why our own drawing and not a charting library: the report needs only horizontal bars, and each
chart must carry a <title>, a <desc> with its numbers, a pattern per series (solid, stripes,
dots) and the number at the end of every bar, so it reads in black and white and on a screen
reader. Fifty lines of geometry here and one template (templates/report/_chart.html) do that;
a library would bring its own script and styles that our strict CSP refuses.

One `Chart` feeds the picture, the table beside it and the spreadsheet file, so the three
always carry the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH = 600
PAD = 8
NUMBER_ROOM = 70  # room after the longest bar for its number
LABEL_HEIGHT = 30
BAR_HEIGHT = 26
BAR_GAP = 4
ROW_GAP = 14
LEGEND_LINE = 32
LABEL_MAX = 44  # characters of a row's name in the picture; the table has all of it

# Each series has a pattern, so the bars differ without colour (templates/report/_chart.html).
PATTERNS = ("solid", "stripes", "dots")


@dataclass
class Chart:
    key: str  # in the spreadsheet's address: /report/<key>.csv
    title: str
    desc: str  # what it shows, in one sentence; the numbers are added after it
    label_heading: str  # the table's first column
    series: list[str]
    rows: list[tuple[str, list[int | float]]] = field(default_factory=list)

    def header(self) -> list[str]:
        return [self.label_heading, *self.series]

    def table(self) -> list[list[str | int | float]]:
        return [[label, *values] for label, values in self.rows]

    def shown(self) -> list[tuple[str, list[str]]]:
        """The rows as the table shows them: one decimal place for averages, "-" for none."""
        return [(label, [_number(value) for value in values]) for label, values in self.rows]

    def full_desc(self) -> str:
        """The sentence, then every row's numbers: the picture's words carry the table's numbers."""
        parts = [self.desc]
        for label, values in self.rows:
            said = ", ".join(
                f"{name} {_number(value)}" for name, value in zip(self.series, values, strict=True)
            )
            parts.append(f"{label}: {said}.")
        return " ".join(parts)


def _number(value: int | float | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


@dataclass
class Bar:
    x: int
    y: int
    width: int
    pattern: str
    number: str


@dataclass
class Row:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass
class Drawing:
    width: int
    height: int
    legend: list[tuple[int, str, str]]  # (y, pattern, words)
    rows: list[Row]


def draw(chart: Chart) -> Drawing:
    """Where every label, bar and number goes. Bars start at the left edge under their label."""
    series_count = len(chart.series)
    biggest = max((v or 0 for _label, values in chart.rows for v in values), default=0) or 1
    room = WIDTH - 2 * PAD - NUMBER_ROOM
    legend = (
        [
            (PAD + i * LEGEND_LINE, PATTERNS[i % len(PATTERNS)], name)
            for i, name in enumerate(chart.series)
        ]
        if series_count > 1
        else []
    )
    y = PAD + len(legend) * LEGEND_LINE + (ROW_GAP if legend else 0)
    rows = []
    for label, values in chart.rows:
        label_y = y + LABEL_HEIGHT - 8
        y += LABEL_HEIGHT
        bars = []
        for i, value in enumerate(values):
            width = round(room * (value or 0) / biggest)
            bars.append(Bar(PAD, y, width, PATTERNS[i % len(PATTERNS)], _number(value)))
            y += BAR_HEIGHT + BAR_GAP
        rows.append(Row(_short(label), label_y, bars))
        y += ROW_GAP
    return Drawing(WIDTH, y + PAD, legend, rows)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"
