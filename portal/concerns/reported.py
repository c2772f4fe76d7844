"""Which of a concern and its replies a person already told staff about.

Reports belong to moderation, which sits above concerns. Moderation registers how to read them
at start-up, so the concern page can say "You told staff" without importing moderation.
"""

from __future__ import annotations

from collections.abc import Callable

from portal.accounts.models import User
from portal.concerns.models import Concern

# source(user, concern) -> keys such as "concern:7" and "reply:12"
ReportedSource = Callable[[User, Concern], set[str]]
REPORTED_SOURCES: list[ReportedSource] = []


def reported_source(source: ReportedSource) -> ReportedSource:
    """Register a source of reports; registering the same one twice counts once."""
    if source not in REPORTED_SOURCES:
        REPORTED_SOURCES.append(source)
    return source


def reported_keys(user: User, concern: Concern) -> set[str]:
    """Keys of the concern and replies this person reported (none if nothing registered)."""
    keys: set[str] = set()
    for source in REPORTED_SOURCES:
        keys |= source(user, concern)
    return keys
