"""Staff moderation of concern boards: reports, the queue, decisions, merges and the log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


from portal.moderation import (  # noqa: E402, F401  (notice kinds, routes)
    notice_kinds,
    views,
    views_log,
    views_merge,
    views_people,
)
