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


@bp.app_context_processor
def signed_out_person():
    from portal.signin.services import take_signed_out_person

    # Called by base.html only, so a fragment never takes the note meant for the next page.
    return {"take_signed_out_person": take_signed_out_person}
