"""The path to co-trainer: My learning, the steps staff set, who led a part, invitations."""

from flask import Blueprint

bp = Blueprint("learning", __name__, url_prefix="/learning")

from portal.learning import (  # noqa: E402, F401  (models, notice kinds, routes)
    models,
    notice_kinds,
    staff_views,
    views,
    views_led,
)
