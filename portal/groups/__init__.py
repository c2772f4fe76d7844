"""Groups of people: a session or a board can be for everyone, or for one group."""

from flask import Blueprint

bp = Blueprint("groups", __name__, url_prefix="/groups")

from portal.groups import views  # noqa: E402, F401  (registers the routes)
