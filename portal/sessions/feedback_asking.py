"""After a session, each person marked as came is asked how it was (made by `notices run`)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from portal.extensions import db
from portal.notices.kinds import NoticeKind, register
from portal.notices.reminders import reminder_source
from portal.notices.services import notify_once
from portal.sessions.came import Came
from portal.sessions.feedback import CHANGEABLE_FOR, Feedback
from portal.sessions.models import TrainingSession

register(
    NoticeKind(
        "session_feedback_asked",
        "face-good",
        _l("How was %(title)s? Tap here to tell us. It takes one minute."),
    )
)


@reminder_source
def ask_how_it_was(now: datetime) -> int:
    """Once per person and session, in the week after it ends, unless they have answered."""
    answered = sa.select(Feedback.id).where(
        Feedback.session_id == Came.session_id, Feedback.user_id == Came.user_id
    )
    rows = db.session.execute(
        sa.select(Came.user_id, TrainingSession)
        .join(TrainingSession, TrainingSession.id == Came.session_id)
        .where(
            TrainingSession.cancelled_at.is_(None),
            TrainingSession.end_at <= now,
            TrainingSession.end_at > now - CHANGEABLE_FOR,
            ~answered.exists(),
        )
    ).all()
    made = 0
    for user_id, session in rows:
        made += notify_once(
            user_id,
            "session_feedback_asked",
            dedupe_key=f"session-feedback:{session.id}:{user_id}",
            link=url_for("sessions.how_was_it", session_id=session.id),
            title=session.title,
        )
    return made
