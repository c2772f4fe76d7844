"""Dates and times the easy-read way: "Wednesday 6 November", "10am", "Yesterday at 3pm".

Stored times are naive UTC (portal.timeutil); these show them in the portal's time zone, in the
reader's language, with Babel doing the names of days and months.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from flask_babel import format_date, get_locale, get_timezone
from flask_babel import gettext as _

# A page lists many sessions and notices, mostly at a few times and days: each wording is
# worked out once per process, for its moment, language and time zone (and year, for days).
_remembered = lru_cache(maxsize=4096)


def to_local(moment: datetime) -> datetime:
    """A naive UTC datetime as an aware one in the portal's time zone."""
    return moment.replace(tzinfo=UTC).astimezone(get_timezone())


def day_in_words(moment: datetime | date) -> str:
    """ "Wednesday 6 November" (and the year too when it is not this year)."""
    zone = get_timezone()
    this_year = datetime.now(UTC).astimezone(zone).year
    return _day_in_words(moment, str(get_locale()), zone, this_year)


@_remembered
def _day_in_words(moment: datetime | date, language: str, zone, this_year: int) -> str:
    day = to_local(moment).date() if isinstance(moment, datetime) else moment
    pattern = "EEEE d MMMM" if day.year == this_year else "EEEE d MMMM y"
    return format_date(day, pattern)


def clock_time(moment: datetime) -> str:
    """ "10am", "10:30am", "12 noon": no leading zeros, no seconds, no 24-hour clock."""
    return _clock_time(moment, str(get_locale()), get_timezone())


@_remembered
def _clock_time(moment: datetime, language: str, zone) -> str:
    local = to_local(moment)
    if local.hour == 12 and local.minute == 0:
        return _("12 noon")
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    if local.hour < 12:
        return _("%(time)sam", time=f"{hour}{minutes}")
    return _("%(time)spm", time=f"{hour}{minutes}")


def time_range(start: datetime, end: datetime) -> str:
    """ "10am to 3pm"."""
    return _("%(start)s to %(end)s", start=clock_time(start), end=clock_time(end))


def when(moment: datetime, now: datetime | None = None) -> str:
    """ "Today at 3pm", "Yesterday at 3pm", or "Wednesday 6 November at 3pm"."""
    local_day = to_local(moment).date()
    today = to_local(now).date() if now else datetime.now(UTC).astimezone(get_timezone()).date()
    time = clock_time(moment)
    if local_day == today:
        return _("Today at %(time)s", time=time)
    if local_day == today - timedelta(days=1):
        return _("Yesterday at %(time)s", time=time)
    return _("%(day)s at %(time)s", day=day_in_words(moment), time=time)
