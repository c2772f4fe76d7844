from flask import Blueprint

bp = Blueprint("pages", __name__)

from portal.pages import views, views_health  # noqa: E402, F401  (registers the routes)
