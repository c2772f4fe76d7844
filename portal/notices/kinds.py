"""The register of notice kinds: each kind's picture and words.

Each feature registers its own kinds at start-up, in its `notice_kinds.py` (imported by the
feature's package), so notices import no feature. Words are lazy, so each notice is written in
the reader's language when it is shown, not when it is made. Parameters named in the words
(for example %(title)s) come from the `params` given to `notify`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel.speaklater import LazyString


@dataclass(frozen=True)
class NoticeKind:
    name: str
    picture: str  # a file in static/pictures/
    words: LazyString
    # Security notices cannot be turned off, by email settings or anything else.
    security: bool = False
    # Turns stored params into the words' params when shown, in the reader's language
    # (for example an ISO time into "10am to 3pm").
    shown_with: Callable[[dict[str, Any]], dict[str, Any]] | None = None


KINDS: dict[str, NoticeKind] = {}


def register(kind: NoticeKind) -> NoticeKind:
    """Add a kind. Registering the same name again replaces it, so importing twice is safe."""
    KINDS[kind.name] = kind
    return kind
