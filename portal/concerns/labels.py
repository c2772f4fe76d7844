"""Words and pictures for statuses, and the pictures people pick. Lazy: in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.concerns.models import Status

STATUS_WORDS = {
    Status.NEW: _l("New"),
    Status.TALKING: _l("We are talking about it"),
    Status.AGENDA: _l("On an agenda"),
    Status.ACTION: _l("We are taking action"),
    Status.DONE: _l("Done"),
    Status.CLOSED: _l("Closed"),
}
STATUS_PICTURES = {
    Status.NEW: "status-new",
    Status.TALKING: "status-talking",
    Status.AGENDA: "status-agenda",
    Status.ACTION: "status-action",
    Status.DONE: "done",
    Status.CLOSED: "status-closed",
}

# The pictures a member can pick for a concern, and staff for a board: (file, what it shows).
PICTURES = {
    "house": _l("A home"),
    "bus": _l("A bus"),
    "money": _l("Money"),
    "safe": _l("Staying safe"),
    "health": _l("A hospital"),
    "medicine": _l("Medicine"),
    "access": _l("A wheelchair"),
    "food": _l("Food"),
    "mobile": _l("A phone"),
    "friends": _l("Friends"),
    "work": _l("Work"),
    "school": _l("Learning"),
    "park": _l("A park"),
    "police": _l("Police"),
    "noise": _l("Noise"),
    "rubbish": _l("Rubbish"),
    "roadworks": _l("Roadworks"),
    "bed": _l("Sleep"),
    "board": _l("Something else"),
}
DEFAULT_PICTURE = "board"


def status_words(status: Status) -> str:
    return str(STATUS_WORDS[status])


def status_picture(status: Status) -> str:
    return STATUS_PICTURES[status]


def picture_words(name: str) -> str:
    return str(PICTURES.get(name, PICTURES[DEFAULT_PICTURE]))
