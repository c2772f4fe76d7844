from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/people")

from portal.people import (  # noqa: E402, F401  (kinds, routes, the helping check)
    helping_gate,
    notice_kinds,
    support_views,
    views,
)
