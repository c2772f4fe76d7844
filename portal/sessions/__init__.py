"""Sessions: what's on, "I'm coming", help needs, waiting lists, calendars; staff run them."""

from flask import Blueprint

bp = Blueprint("sessions", __name__, url_prefix="/sessions")

from portal.sessions import reminders, staff_views, views  # noqa: E402, F401  (routes, reminders)
