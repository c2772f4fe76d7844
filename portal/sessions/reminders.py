"""The day-before reminder for everyone going to a session, made by `flask notices run`."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import get_timezone

from portal.extensions import db
from portal.notices.reminders import reminder_source
from portal.notices.services import notify_once
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.timefmt import to_local


def _utc_midnight(day) -> datetime:
    local = datetime.combine(day, time(0), tzinfo=get_timezone())
    return local.astimezone(UTC).replace(tzinfo=None)


@reminder_source
def remind_tomorrows_sessions(now: datetime) -> int:
    """One reminder per person and session, however often the command runs."""
    tomorrow = to_local(now).date() + timedelta(days=1)
    rows = db.session.execute(
        sa.select(Booking.user_id, TrainingSession)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .where(
            Booking.status == BookingStatus.GOING,
            TrainingSession.cancelled_at.is_(None),
            TrainingSession.start_at >= _utc_midnight(tomorrow),
            TrainingSession.start_at < _utc_midnight(tomorrow + timedelta(days=1)),
        )
    ).all()
    made = 0
    for user_id, session in rows:
        made += notify_once(
            user_id,
            "session_reminder",
            dedupe_key=f"session-reminder:{session.id}:{user_id}:{session.start_at.date()}",
            link=url_for("sessions.show_session", session_id=session.id),
            title=session.title,
            start=session.start_at.isoformat(),
            end=session.end_at.isoformat(),
            place=session.place_name or session.address,
            bring=session.bring,
        )
    return made
