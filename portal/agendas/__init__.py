"""Agendas: co-trainers plan a session's agenda together, live; members suggest and read it."""

from flask import Blueprint

bp = Blueprint("agendas", __name__, url_prefix="/agendas")

# Importing these registers the notice kinds, the session page's agenda panel, and the routes.
from portal.agendas import (  # noqa: E402, F401
    backing,
    notice_kinds,
    panel,
    views,
    views_backing,
    views_ideas,
    views_items,
    views_publishing,
)
