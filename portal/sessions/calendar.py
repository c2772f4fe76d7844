"""Calendar files (RFC 5545) for sessions, made with the icalendar library.

Times are stored in naive UTC; the file gives them in the portal's time zone with a VTIMEZONE,
so calendar apps show the same time as the portal, summer and winter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from zoneinfo import ZoneInfo

import icalendar
from flask import current_app

from portal.sessions.models import TrainingSession
from portal.text import one_line, without_hidden_signs
from portal.timeutil import utcnow
from portal.urls import external_url, own_host


def _where(session: TrainingSession) -> str:
    return ", ".join(part for part in (session.place_name, session.address) if part)


def _event(session: TrainingSession, zone: ZoneInfo) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"session-{session.id}@{own_host()}")
    event.add("dtstamp", utcnow().replace(tzinfo=UTC))
    event.add("dtstart", session.start_at.replace(tzinfo=UTC).astimezone(zone))
    event.add("dtend", session.end_at.replace(tzinfo=UTC).astimezone(zone))
    # icalendar escapes line breaks but passes other control characters, which RFC 5545 forbids.
    event.add("summary", one_line(session.title))
    event.add("description", without_hidden_signs(session.summary))
    if _where(session):
        event.add("location", one_line(_where(session)))
    event.add("url", external_url("sessions.show_session", session_id=session.id))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def calendar_file(sessions: Iterable[TrainingSession], name: str) -> bytes:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Common Ground//Sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", one_line(name))
    for session in sessions:
        calendar.add_component(_event(session, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()
