"""Words and pictures for report reasons, hide reasons and log actions. Lazy: reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# Why a member tells staff about something: (picture, words).
REPORT_REASONS = {
    "unkind": ("unkind", _l("It is unkind")),
    "private": ("private", _l("It is private information")),
    "untrue": ("untrue", _l("It is not true")),
    "duplicate": ("duplicate", _l("It is the same as another concern")),
    "other": ("board", _l("Something else")),
}

# Why staff hid something. The author reads: "Staff hid your concern because ..."
HIDE_REASONS = {
    "unkind": _l("it was unkind to someone"),
    "private": _l("it had private information in it"),
    "untrue": _l("it was not true"),
    "rules": _l("it broke the rules of the board"),
    "other": _l("of something else"),
}

ACTIONS = {
    "reported": _l("Reported"),
    "auto_hidden": _l("Hidden by reports"),
    "approved": _l("Let onto the board"),
    "hidden": _l("Hidden"),
    "restored": _l("Shown again"),
    "locked": _l("Locked"),
    "unlocked": _l("Unlocked"),
    "closed": _l("Closed"),
    "dealt": _l("Reports dealt with"),
    "merged": _l("Merged"),
    "unmerged": _l("Merge undone"),
    "clarified": _l("Made easier to read"),
    "suspended": _l("Posting stopped"),
    "unsuspended": _l("Posting allowed again"),
}


def report_reason_words(key: str) -> str:
    return str(REPORT_REASONS.get(key, REPORT_REASONS["other"])[1])


def report_reason_picture(key: str) -> str:
    return REPORT_REASONS.get(key, REPORT_REASONS["other"])[0]


def hide_reason_words(key: str | None) -> str:
    return str(HIDE_REASONS.get(key or "other", HIDE_REASONS["other"]))


def action_words(key: str) -> str:
    return str(ACTIONS.get(key, key))
