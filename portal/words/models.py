"""One glossary entry: a word with its meaning, picture and example, in English and Welsh."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow

LANGUAGES = ("en", "cy")


class GlossaryWord(db.Model):
    __tablename__ = "glossary_word"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)  # the anchor on the Words page
    picture: Mapped[str] = mapped_column(sa.String(60))  # a name in static/pictures
    term_en: Mapped[str] = mapped_column(sa.String(80))
    term_cy: Mapped[str] = mapped_column(sa.String(80))
    # The forms to mark on pages, one per line ("concern", "concerns"): Welsh mutates words.
    forms_en: Mapped[str] = mapped_column(sa.Text, default="")
    forms_cy: Mapped[str] = mapped_column(sa.Text, default="")
    meaning_en: Mapped[str] = mapped_column(sa.Text)
    meaning_cy: Mapped[str] = mapped_column(sa.Text)
    example_en: Mapped[str] = mapped_column(sa.Text)
    example_cy: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def in_language(self, language: str, part: str) -> str:
        """`part` ('term', 'meaning', 'example', 'forms') in `language`, English if unknown."""
        language = language if language in LANGUAGES else "en"
        return getattr(self, f"{part}_{language}")

    def forms(self, language: str) -> list[str]:
        lines = self.in_language(language, "forms").splitlines()
        return [line.strip() for line in lines if line.strip()] or [
            self.in_language(language, "term")
        ]
