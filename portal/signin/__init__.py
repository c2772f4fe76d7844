"""Signing in with nothing to remember: sign-in cards with a QR code, email links, a log."""

from flask import Blueprint

bp = Blueprint("signin", __name__)

from portal.signin import (  # noqa: E402, F401  (notice kinds, routes)
    account_views,
    notice_kinds,
    staff_views,
    views,
)
