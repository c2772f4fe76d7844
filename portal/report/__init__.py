"""What we did together: the staff participation report with its charts, and the members' story."""

from flask import Blueprint

bp = Blueprint("report", __name__)

from portal.report import (  # noqa: E402, F401  (models, routes)
    models,
    views,
    views_story,
)
