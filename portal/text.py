"""Control characters in text people send: what is refused, dropped or made one line.

Nobody types them on purpose. PostgreSQL refuses NUL in text; a line break in a title would add
a line of the writer's choosing to a calendar file or an email; RFC 5545 allows no control
characters in calendar text. Text of many lines keeps tab and newline.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\\x00-\\x1f\\x7f]")
CONTROL_BUT_LINES = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]")
_CONTROL_RUNS = re.compile("[\\x00-\\x1f\\x7f]+")


def has_control_characters(text: str) -> bool:
    return CONTROL.search(text) is not None


def without_control_characters(text: str) -> str:
    """For text read straight from the request (a search, say): hidden signs simply go."""
    return CONTROL.sub("", text)


def without_hidden_signs(text: str) -> str:
    """Many lines of text without NUL and the like; tabs and line breaks stay."""
    return CONTROL_BUT_LINES.sub("", text)


def one_line(text: str) -> str:
    """Text for a place that holds one line (a calendar title, a notice): breaks become spaces."""
    return _CONTROL_RUNS.sub(" ", text)
