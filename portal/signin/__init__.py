"""Signing in: a password, or nothing to remember (sign-in cards with a QR code, email links,
passkeys); signing out; the security log page."""

from flask import Blueprint

bp = Blueprint("signin", __name__)

from portal.signin import (  # noqa: E402, F401  (notice kinds, routes)
    account_views,
    notice_kinds,
    password_views,
    staff_views,
    views,
)
