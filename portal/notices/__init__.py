"""What's new: the one way the portal tells a person that something happened."""

from flask import Blueprint

bp = Blueprint("notices", __name__, url_prefix="/whats-new")

from portal.notices import views  # noqa: E402, F401  (registers the routes)
