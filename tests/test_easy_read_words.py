"""A lint of every English message against the easy-read rules in shared/EASY_READ.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent

# Words members should never meet. A clearer word is in brackets in the failure message.
BANNED = {
    "submit": "send",
    "authenticate": "sign in",
    "login": "sign in",
    "log in": "sign in",
    "rsvp": "I'm coming",
    "moderation queue": "things to check",
    "invalid": "not right",
    "error": "something went wrong",
    "username or email": "username",
    "faq": "questions",
    "utilise": "use",
    "commence": "start",
    "terminate": "end",
    "deactivate": "turn off",
}
# Initials we allow: names of licences on the credits page.
ALLOWED_INITIALS = {"MIT", "BSD", "BY", "SA"}
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")


def _english_messages() -> list[str]:
    with (ROOT / "translations/cy/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    messages = []
    for message in catalog:
        if message.id:
            messages.extend(message.id if isinstance(message.id, tuple) else [message.id])
    return messages


MESSAGES = _english_messages()


def _words(sentence: str) -> list[str]:
    return [w for w in re.split(r"\s+", re.sub(r"%\(\w+\)s", "X", sentence)) if w]


@pytest.mark.parametrize("message", MESSAGES)
def test_sentences_are_short(message):
    for sentence in SENTENCE_END.split(message):
        assert len(_words(sentence)) <= 15, f"split this sentence: {sentence!r}"


@pytest.mark.parametrize("message", MESSAGES)
def test_no_hard_words(message):
    lowered = message.lower()
    for word, better in BANNED.items():
        assert not re.search(rf"\b{re.escape(word)}\b", lowered), f"say {better!r}, not {word!r}"


@pytest.mark.parametrize("message", MESSAGES)
def test_no_initials(message):
    initials = set(re.findall(r"\b[A-Z]{2,}\b", message)) - ALLOWED_INITIALS
    assert not initials, f"spell out {initials} in {message!r}"


@pytest.mark.parametrize("message", MESSAGES)
def test_no_percentages_or_fractions(message):
    without_placeholders = re.sub(r"%\(\w+\)s", "", message)
    assert not re.search(r"\d\s*%|\d/\d|½|¼|¾", without_placeholders), message
