"""Reading and changing the glossary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import sqlalchemy as sa

from portal.extensions import db
from portal.words.marking import glossary_changed
from portal.words.models import GlossaryWord

STARTING_WORDS = Path(__file__).with_name("glossary.json")
PARTS = ("term", "meaning", "example", "forms")


def starting_words() -> list[dict]:
    """The words a new portal starts with (the migration loads the same file)."""
    return json.loads(STARTING_WORDS.read_text(encoding="utf-8"))


def load_starting_words() -> int:
    """Add the starting words that are not in the glossary yet; how many were added."""
    known = set(db.session.scalars(sa.select(GlossaryWord.slug)))
    added = 0
    for entry in starting_words():
        if entry["slug"] in known:
            continue
        word = GlossaryWord(slug=entry["slug"], picture=entry["picture"])
        for language in ("en", "cy"):
            for part in PARTS:
                value = entry[language][part]
                setattr(word, f"{part}_{language}", "\n".join(value) if part == "forms" else value)
        db.session.add(word)
        added += 1
    db.session.flush()
    glossary_changed()
    return added


def glossary(language: str) -> list[GlossaryWord]:
    """Every word, A to Z in `language`."""
    words = db.session.scalars(sa.select(GlossaryWord)).all()
    return sorted(words, key=lambda word: word.in_language(language, "term").casefold())


def word_by_slug(slug: str) -> GlossaryWord | None:
    if len(slug) > 60:
        return None
    return db.session.scalar(sa.select(GlossaryWord).where(GlossaryWord.slug == slug))


def _slug_for(term: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")[:50] or "word"
    slug, number = base, 1
    while word_by_slug(slug) is not None:
        number += 1
        slug = f"{base}-{number}"
    return slug


def save_word(word: GlossaryWord | None, values: dict[str, str]) -> GlossaryWord:
    """Change a word, or add one when `word` is None. Forms are kept one on each line."""
    if word is None:
        word = GlossaryWord(slug=_slug_for(values["term_en"]))
        db.session.add(word)
    for name, value in values.items():
        if name.startswith("forms_"):
            value = "\n".join(line.strip() for line in value.splitlines() if line.strip())
        setattr(word, name, value)
    db.session.flush()
    glossary_changed()  # this worker marks the change on its next page; the others within 2 s
    return word
