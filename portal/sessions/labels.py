"""How sessions look in every page: each kind of help's picture and words."""

from __future__ import annotations

from portal.sessions.models import HELP_NEEDS


def help_need(code: str) -> tuple[str, str]:
    """The picture and words for one kind of help."""
    picture_name, words = HELP_NEEDS.get(code, ("idea", code))
    return picture_name, str(words)


def help_need_choices() -> list[tuple[str, str, str]]:
    """Every kind of help, in order: its code, picture and words."""
    return [(code, *help_need(code)) for code in HELP_NEEDS]


def face_words(code: str) -> tuple[str, str]:
    """The picture and words for one face of "How was it?"."""
    from portal.sessions.feedback import FACES

    picture_name, words = FACES.get(code, ("face-ok", code))
    return picture_name, str(words)
