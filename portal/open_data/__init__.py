"""Open data: what is public on the concern boards, and the public programme of sessions."""

from flask import Blueprint

bp = Blueprint("open_data", __name__, url_prefix="/open-data")

from portal.open_data import views  # noqa: E402, F401  (registers the routes)
