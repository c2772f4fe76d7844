"""Reading settings: how big the words are, how far apart, which colours and typeface, less
movement, and how read-aloud sounds. Kept on the account, or for someone signed out in a
cookie on this browser.

The server puts them on `<html>` as classes (`reading_for_request().html_classes`), so a page
never flashes in the wrong size before a script runs. Every value comes from a short list:
anything else (an old cookie, a forged form) is ignored and the default kept.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Mapped, mapped_column

from portal.accounts.preloaded import preload_row, preloaded
from portal.extensions import db
from portal.timeutil import utcnow

READING_COOKIE = "cg_reading"
VOICE_LIMIT = 100

# The first choice in each list is the default.
CHOICES: dict[str, tuple[str, ...]] = {
    "text_size": ("normal", "large", "largest"),
    "spacing": ("normal", "wide"),
    "theme": ("default", "dark", "low-glare"),
    "font": ("default", "legible"),
    "motion": ("normal", "less"),
    "speech_rate": ("normal", "slower", "faster"),
}
# The class each choice puts on <html>; the defaults put none.
_CLASS_PREFIX = {
    "text_size": "text-",
    "spacing": "spacing-",
    "theme": "theme-",
    "font": "font-",
    "motion": "motion-",
}


@dataclasses.dataclass(frozen=True)
class Reading:
    text_size: str = "normal"
    spacing: str = "normal"
    theme: str = "default"
    font: str = "default"
    motion: str = "normal"
    speech_rate: str = "normal"
    voice: str = ""  # the name a browser gives a voice; "" lets the phone choose

    @property
    def html_classes(self) -> str:
        return " ".join(
            f"{prefix}{getattr(self, name)}"
            for name, prefix in _CLASS_PREFIX.items()
            if getattr(self, name) != CHOICES[name][0]
        )

    def changed_by(self, data: Any) -> Reading:
        """These settings with the good values in `data` (a form or a cookie's dict) taken
        over; a missing, unknown or wrongly shaped value keeps what was there."""
        if not hasattr(data, "get"):
            return self
        changes = {}
        for name, allowed in CHOICES.items():
            value = _one(data, name)
            if isinstance(value, str) and value in allowed:
                changes[name] = value
        voice = _usable_voice(_one(data, "voice"))
        if voice is not None:
            changes["voice"] = voice
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


def _one(data: Any, name: str) -> Any:
    """The value sent for `name`; a name sent twice is not one choice, so it counts as none."""
    if hasattr(data, "getlist"):
        values = data.getlist(name)
        return values[0] if len(values) == 1 else None
    return data.get(name)


def _usable_voice(value: Any) -> str | None:
    """A voice name as browsers give them ("Google UK English Female", "Microsoft Bethan -
    Welsh"): printable, at most 100 characters. Anything else is ignored (None)."""
    if not isinstance(value, str) or len(value) > VOICE_LIMIT:
        return None
    value = value.strip()
    if not value.isprintable():
        return None
    return value


class ReadingSettings(db.Model):
    """One person's saved reading settings. No row: they never saved any (the defaults)."""

    __tablename__ = "reading_settings"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    text_size: Mapped[str] = mapped_column(sa.String(10), default="normal")
    spacing: Mapped[str] = mapped_column(sa.String(10), default="normal")
    theme: Mapped[str] = mapped_column(sa.String(10), default="default")
    font: Mapped[str] = mapped_column(sa.String(10), default="default")
    motion: Mapped[str] = mapped_column(sa.String(10), default="normal")
    speech_rate: Mapped[str] = mapped_column(sa.String(10), default="normal")
    voice: Mapped[str | None] = mapped_column(sa.String(VOICE_LIMIT))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def as_reading(self) -> Reading:
        # Read through changed_by, so a value put in the table by hand is ignored too.
        return Reading().changed_by({**self._columns(), "voice": self.voice or ""})

    def _columns(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in CHOICES}


# Every page puts the reader's settings on <html>: they come with the sign-in's SELECT.
preload_row("reading", ReadingSettings)


def saved_reading(user_id: int) -> Reading | None:
    row = preloaded("reading", user_id, lambda: db.session.get(ReadingSettings, user_id))
    return row.as_reading() if row else None


def save_reading(user_id: int, reading: Reading) -> None:
    """Keep `reading` on the account (flushes; the request's one commit saves it)."""
    row = db.session.get(ReadingSettings, user_id)
    if row is None:
        row = ReadingSettings(user_id=user_id)
        db.session.add(row)
    for name in CHOICES:
        setattr(row, name, getattr(reading, name))
    row.voice = reading.voice or None
    db.session.flush()
    g.reading = reading


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="reading-settings")


def cookie_reading() -> Reading | None:
    """This browser's signed-out choice, or None when it has none (or a forged one)."""
    raw = request.cookies.get(READING_COOKIE)
    if not raw or len(raw) > 1000:
        return None
    try:
        data = _serializer().loads(raw)
    except (BadSignature, ValueError):
        return None
    return Reading().changed_by(data) if isinstance(data, dict) else None


def set_reading_cookie(response, reading: Reading) -> None:
    response.set_cookie(
        READING_COOKIE,
        _serializer().dumps(reading.as_dict()),
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def reading_for_request() -> Reading:
    """The settings for this page: the account's when signed in, else this browser's cookie."""
    if "reading" not in g:
        reading = None
        user = current_user._get_current_object()
        reading = saved_reading(user.id) if user and user.is_authenticated else cookie_reading()
        g.reading = reading or Reading()
    return g.reading


def carry_reading_into_account(user_id: int) -> None:
    """At sign-in: the settings this browser chose while signed out become the account's,
    but only when the account has none of its own (one saved on another phone wins)."""
    chosen = cookie_reading()
    if chosen is None or chosen == Reading():
        return
    if db.session.get(ReadingSettings, user_id) is None:
        save_reading(user_id, chosen)
