"""Your ways to sign in: passkeys (add, remove, sign in), signed-in devices, sign out everywhere."""

from __future__ import annotations

from flask import (
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import security_log
from portal.accounts.models import DeviceSession
from portal.accounts.permissions import Permission, permission_required, public
from portal.accounts.services import _hash_token
from portal.extensions import db, limiter
from portal.signin import bp, passkeys
from portal.signin.devices import describe_device, list_passkeys, list_signed_in_devices
from portal.signin.limits import only_failures
from portal.signin.models import Passkey
from portal.signin.services import end_sign_in, finish_sign_in
from portal.timefmt import day_in_words, when
from portal.timeutil import utcnow
from portal.transactions import keep_writes_on_refusal


def _json_options(options: str) -> Response:
    return Response(options, mimetype="application/json")


@bp.get("/my-sign-in")
@permission_required(Permission.USE_PORTAL)
def my_sign_in():
    """Your passkeys and the phones and computers you are signed in on."""
    return render_template(
        "signin/my_sign_in.html",
        passkeys=list_passkeys(current_user.id),
        devices=list_signed_in_devices(current_user.id),
        this_device_hash=_hash_token(current_user.device_token or ""),
        describe_device=describe_device,
        day_in_words=day_in_words,
        when=when,
    )


@bp.post("/my-sign-in/passkeys/options")
@permission_required(Permission.USE_PORTAL)
def passkey_options():
    """What the browser needs to make a new passkey for you."""
    return _json_options(passkeys.registration_options(current_user))


@bp.post("/my-sign-in/passkeys")
@limiter.limit("20 per hour")
@permission_required(Permission.USE_PORTAL)
def add_passkey():
    """Keep the passkey the browser just made."""
    try:
        passkey = passkeys.add_passkey(
            current_user,
            passkeys.credential_sent(request.get_json(silent=True)),
            device_name=describe_device(request.user_agent.string),
        )
    except passkeys.PasskeyRefused:
        keep_writes_on_refusal()  # a challenge that was tried is used up
        return jsonify(ok=False, message=_("That did not work. Please try again.")), 400
    flash(_("Your passkey is ready. Next time, sign in with one tap."), "success")
    return jsonify(ok=True, redirect=url_for("signin.my_sign_in"), passkey=passkey.id)


@bp.post("/my-sign-in/passkeys/<int:passkey_id>/remove")
@permission_required(Permission.USE_PORTAL)
def remove_passkey(passkey_id: int):
    """Forget one of your passkeys. Phones that signed in with it are signed out."""
    passkey = db.get_or_404(Passkey, passkey_id)
    if passkey.user_id != current_user.id:
        return redirect(url_for("signin.my_sign_in"))
    passkeys.remove_passkey(passkey, by=current_user)
    flash(_("The passkey is gone. It cannot sign you in now."), "success")
    return redirect(url_for("signin.my_sign_in"))


@bp.post("/my-sign-in/devices/<int:device_id>/sign-out")
@permission_required(Permission.USE_PORTAL)
def sign_out_device(device_id: int):
    """Sign out one of your phones or computers, for example one you lost."""
    device = db.get_or_404(DeviceSession, device_id)
    if device.user_id == current_user.id and device.ended_at is None:
        device.ended_at = utcnow()
        security_log.record("device_signed_out", user_id=current_user.id)
        flash(_("That phone or computer is signed out now."), "success")
    return redirect(url_for("signin.my_sign_in"))


@bp.post("/my-sign-in/sign-out-everywhere")
@permission_required(Permission.USE_PORTAL)
def sign_out_everywhere():
    """Sign out on every phone and computer, this one too."""
    end_sign_in(everywhere=True)
    flash(_("You are signed out on every phone and computer."), "success")
    return redirect(url_for("pages.home"))


@bp.post("/sign-in/passkey/options")
@limiter.limit("30 per minute")
@public
def passkey_sign_in_options():
    """What the browser needs to ask for any passkey of this site: no username needed."""
    return _json_options(passkeys.sign_in_options())


@bp.post("/sign-in/passkey")
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], deduct_when=only_failures)
@public
def passkey_sign_in():
    """Sign in with the passkey the browser gave: one tap, nothing to remember."""
    try:
        passkey = passkeys.check_sign_in(passkeys.credential_sent(request.get_json(silent=True)))
    except passkeys.PasskeyRefused:
        security_log.record("sign_in_failed", detail="passkey")
        keep_writes_on_refusal()
        return jsonify(ok=False, message=_("That passkey did not work. Try another way.")), 400
    user = passkey.user
    # A passkey lives on the person's own phone, so they stay signed in on it.
    destination = finish_sign_in(
        user, remembered=True, user_agent=request.user_agent.string, passkey=passkey
    )
    return jsonify(ok=True, redirect=destination)
