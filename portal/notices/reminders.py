"""Reminders: features register a source; `flask notices run` asks each for what is due.

A source makes its notices with `notify_once`, keyed so that running the command twice in a
day (or two copies at once) makes each reminder once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

ReminderSource = Callable[[datetime], int]
REMINDER_SOURCES: list[ReminderSource] = []


def reminder_source(source: ReminderSource) -> ReminderSource:
    """Register `source(now) -> how many reminders it made`."""
    REMINDER_SOURCES.append(source)
    return source


def make_due_reminders(now: datetime) -> int:
    return sum(source(now) for source in REMINDER_SOURCES)
