"""Signing in with nothing to remember: sign-in cards with a QR code, email links, a log."""

from flask import Blueprint

bp = Blueprint("signin", __name__)

from portal.signin import account_views, staff_views, views  # noqa: E402, F401  (routes)
