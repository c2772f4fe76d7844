"""Time in one convention: naive datetimes that are always UTC in the database.

SQLite forgets time zones, so storing naive UTC everywhere keeps comparisons the same on SQLite
and PostgreSQL. Pages convert to the portal's zone with Flask-Babel when they show a time.
"""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
