"""Sessions: what's on, "I'm coming", help needs, waiting lists, calendars; staff run them."""

from flask import Blueprint

bp = Blueprint("sessions", __name__, url_prefix="/sessions")

from portal.sessions import (  # noqa: E402, F401  (notice kinds, reminders, routes)
    came,
    feedback,
    feedback_asking,
    notice_kinds,
    reminders,
    staff_views,
    views,
    views_came,
    views_feedback,
)
