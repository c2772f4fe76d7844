"""Common concerns: members raise them on boards, support them, and see what happens next."""

from flask import Blueprint

bp = Blueprint("concerns", __name__, url_prefix="/concerns")


from portal.concerns import (  # noqa: E402, F401  (notice kinds, routes)
    notice_kinds,
    views,
    views_boards,
    views_raise,
    views_replies,
)
