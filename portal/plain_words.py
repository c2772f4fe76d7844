"""The easy-read rules for words, in one place: for our own text (the tests check every message
and every page with them) and for anyone writing here (hints beside the box while they type).

The rules come from shared/EASY_READ.md: sentences of 15 words at most, common words, no whole
words in capitals, numbers as digits. The hard words and easier ones are data, in
`hard_words.json`. Reading-level formulas (Flesch) stay in the tests: they need a pronouncing
dictionary and mean little on the few sentences a person types.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import gettext as _

MAX_SENTENCE_WORDS = 15
# Enough for a long concern; past it, hints look at the start only, so a pasted book costs
# no more than a page.
MAX_CHECKED_CHARACTERS = 5_000
MAX_HINTS = 6
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
# A word has a letter or a digit: a dash or a dot between words is not a word. The text is cut
# at spaces first and each piece searched once: one pattern for both backtracked on a long run
# of dashes, a cheap way to keep the server busy.
PIECE = re.compile(r"\S+")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
LETTERS = re.compile(r"[^\W\d_]+")
# Whole words in capitals that are not shouting: the hint that names them.
ALLOWED_CAPITALS = frozenset({"CAPITALS", "PRIFLYTHRENNAU"})
MIN_SHOUTED_LETTERS = 4


@cache
def _word_lists() -> dict:
    return json.loads(Path(__file__).with_name("hard_words.json").read_text(encoding="utf-8"))


def never_words(language: str = "en") -> dict[str, str]:
    """Words our own pages must not use, with the word to use instead."""
    return dict(_word_lists().get(language, {}).get("never", {}))


def hard_words(language: str) -> dict[str, str]:
    """Every hard word with an easier one, for hints: the never-words and the others."""
    lists = _word_lists().get(language, {})
    return {**lists.get("never", {}), **lists.get("easier", {})}


def sentences(text: str) -> list[str]:
    """The sentences of `text`: a new line or an end mark ends one."""
    found = []
    for line in text.splitlines():
        found += [part.strip() for part in SENTENCE_END.split(line) if part.strip()]
    return found


def words(sentence: str) -> list[str]:
    return [piece for piece in PIECE.findall(sentence) if LETTER_OR_DIGIT.search(piece)]


def long_sentences(text: str, limit: int = MAX_SENTENCE_WORDS) -> list[str]:
    return [sentence for sentence in sentences(text) if len(words(sentence)) > limit]


def shouted_words(text: str) -> set[str]:
    """Whole words in capitals (a few letters, like "OK" or "NHS", are not shouting)."""
    return {
        word
        for word in LETTERS.findall(text)
        if len(word) >= MIN_SHOUTED_LETTERS and word.isupper()
    } - ALLOWED_CAPITALS


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> tuple[re.Pattern | None, tuple[str, ...]]:
    """A pattern with one group per phrase, and the phrases in the order of those groups.

    A match says which phrase it is by its group: case-blind matching takes a long s (U+017F)
    for "s" and "İ" for "i", and lower-casing what was written would not give the phrase back.
    """
    if not phrases:
        return None, ()
    ordered = tuple(sorted(phrases, key=len, reverse=True))
    groups = "|".join(f"({re.escape(phrase)})" for phrase in ordered)
    # Only where a phrase could start is each one tried: on a long run of dashes, 1 look, not 100.
    starts = "".join(sorted({re.escape(phrase[0]) for phrase in ordered if phrase}))
    pattern = r"(?<![\w'])(?=[" + starts + "])(?:" + groups + r")(?![\w'])"
    return re.compile(pattern, re.IGNORECASE), ordered


def _phrases_in(text: str, phrases) -> list[tuple[str, str]]:
    """(as written, the phrase it is) for each use of one of `phrases` in `text`, in order."""
    pattern, ordered = _phrase_pattern(tuple(phrases))
    if pattern is None:
        return []
    return [(match.group(), ordered[match.lastindex - 1]) for match in pattern.finditer(text)]


def hard_words_in(text: str, language: str) -> list[tuple[str, str]]:
    """(hard word as written, easier word) for each different hard word, in order."""
    easier = hard_words(language)
    found: dict[str, tuple[str, str]] = {}
    for written, phrase in _phrases_in(text, easier):
        found.setdefault(phrase, (written, easier[phrase]))
    return list(found.values())


def never_words_in(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(word as written, clearer word) for words our own pages must not use."""
    never = never_words(language)
    return [(written, never[phrase]) for written, phrase in _phrases_in(text, never)]


def number_words_in(text: str, language: str) -> list[str]:
    names = _word_lists().get(language, {}).get("numbers", [])
    return [written for written, _phrase in _phrases_in(text, names)]


@dataclass(frozen=True)
class Hint:
    kind: str  # long, hard, capitals, numbers
    words: str
    about: str = ""  # the start of the sentence it is about, when that helps find it


def writing_hints(text: str, language: str) -> list[Hint]:
    """Easy-read hints for what someone is writing; never an error, whatever `text` is."""
    if not isinstance(text, str):
        return []
    text = text.replace("\x00", "")[:MAX_CHECKED_CHARACTERS]
    hints: list[Hint] = []
    for sentence in long_sentences(text)[:2]:
        start = " ".join(words(sentence)[:4])
        hints.append(Hint("long", _("This sentence is long. Try two short ones."), start))
    for hard, easier in hard_words_in(text, language):
        words_ = _(
            "'%(hard)s' is a hard word. You could say '%(easier)s'.", hard=hard, easier=easier
        )
        hints.append(Hint("hard", words_))
    if shouted_words(text):
        hints.append(Hint("capitals", _("Try not to write in CAPITALS.")))
    if number_words_in(text, language):
        hints.append(Hint("numbers", _("Write numbers as 1, 2, 3.")))
    return hints[:MAX_HINTS]
