"""A lint of every English message against the easy-read rules in shared/EASY_READ.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.plain_words import (
    ALLOWED_CAPITALS,
    MAX_SENTENCE_WORDS,
    SENTENCE_END,
    never_words_in,
)

# Runs once, in the SQLite run: nothing here touches a database.
pytestmark = pytest.mark.without_database

ROOT = Path(__file__).resolve().parent.parent

# Initials we allow: names of licences on the credits page, and the word the capitals hint shows.
ALLOWED_INITIALS = {"MIT", "BSD", "BY", "SA"} | ALLOWED_CAPITALS  # the hint about capitals


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
        assert len(_words(sentence)) <= MAX_SENTENCE_WORDS, f"split this sentence: {sentence!r}"


@pytest.mark.parametrize("message", MESSAGES)
def test_no_hard_words(message):
    found = never_words_in(message)
    assert not found, "; ".join(f"say {better!r}, not {word!r}" for word, better in found)


@pytest.mark.parametrize("message", MESSAGES)
def test_no_initials(message):
    initials = set(re.findall(r"\b[A-Z]{2,}\b", message)) - ALLOWED_INITIALS
    assert not initials, f"spell out {initials} in {message!r}"


@pytest.mark.parametrize("message", MESSAGES)
def test_no_percentages_or_fractions(message):
    without_placeholders = re.sub(r"%\(\w+\)s", "", message)
    assert not re.search(r"\d\s*%|\d/\d|½|¼|¾", without_placeholders), message


def test_a_page_is_scored_the_same_on_every_date():
    """The browser walk leaves dates in words out of a page's reading score, as it does names
    (tests/browser/text_checks.py): the demo's dates move with today, and a page must not
    pass on a Monday and fail on a Saturday."""
    from tests.browser.text_checks import without_dates

    monday = ["Come to the session.", "It is on Monday 3 May at 10am.", "Monday 3 May"]
    saturday = [
        "Come to the session.",
        "It is on Saturday 12 February 2028 at 10am.",
        "Saturday 12 February 2028",
    ]
    assert without_dates(monday) == without_dates(saturday)
    assert without_dates(monday) == ["Come to the session.", "It is on at 10am."]
    # Only a whole date: a day, a month or a number on its own is words like any other.
    words = ["On Monday we meet.", "It is 3 May.", "The Mayor came 12 times."]
    assert without_dates(words) == words
