"""Agendas: co-trainers plan a session's agenda together, live; members suggest and read it."""

from flask import Blueprint

bp = Blueprint("agendas", __name__, url_prefix="/agendas")

from portal.agendas import member_views, views  # noqa: E402, F401  (registers the routes)
