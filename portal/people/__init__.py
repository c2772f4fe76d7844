from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/people")

from portal.people import notice_kinds, views  # noqa: E402, F401  (kinds, routes)
