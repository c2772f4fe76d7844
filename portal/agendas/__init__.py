"""Agendas: co-trainers plan a session's agenda together, live; members suggest and read it."""

from flask import Blueprint

bp = Blueprint("agendas", __name__, url_prefix="/agendas")

# Importing the view modules registers their routes on bp.
from portal.agendas import views, views_ideas, views_items, views_publishing  # noqa: E402, F401
