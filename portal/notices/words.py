"""A notice as a person reads it, in a page or an email: its words and its picture."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.notices.kinds import KINDS
from portal.text import one_line


def notice_words(notice) -> str:
    """The notice in the reader's language, filled in with its details."""
    kind = KINDS.get(notice.kind)
    if kind is None:  # a kind removed since: say something true rather than fail
        return str(_l("Something changed."))
    params = notice.params or {}
    try:
        if kind.shown_with:
            params = kind.shown_with(params)
        # One line, in the page and in an email: a title can never add a line of its own.
        return one_line(str(kind.words) % params).strip()
    except (KeyError, TypeError, ValueError):
        return str(kind.words)


def notice_picture(notice) -> str:
    kind = KINDS.get(notice.kind)
    return kind.picture if kind else "idea"
