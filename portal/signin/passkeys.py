"""Passkeys (WebAuthn) through the `webauthn` library: add, sign in, remove.

The relying party (RP) ID and origin come from WEBAUTHN_RP_ID and WEBAUTHN_ORIGIN when set, else
from PORTAL_URL in production, else (development) from the request's host.
Challenges are kept in the database (not the session cookie, see PasskeyChallenge) and are
used once: the answer names its challenge, and only one answer can take it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import abort, current_app, request, url_for
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url, parse_client_data_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from portal.accounts import security_log
from portal.accounts.models import User
from portal.accounts.services import end_device_sessions_signed_in_with
from portal.extensions import db
from portal.notices.services import notify
from portal.signin.models import Passkey, PasskeyChallenge
from portal.timeutil import utcnow

_REGISTER = "register"
_SIGN_IN = "sign_in"
# The sign-in page asks for a challenge when the username box is first used, and the phone may
# offer the passkey long after that; as long as the page's own form token lasts.
CHALLENGE_LIFETIME = timedelta(hours=1)


class PasskeyRefused(Exception):
    """The browser's answer did not prove a passkey we know."""


# Authenticators make ids of at most 1,023 bytes: about 1,364 base64url letters.
_CREDENTIAL_ID = re.compile(r"[A-Za-z0-9_-]{1,1400}")


def credential_sent(body: object) -> dict:
    """The `credential` of a JSON body shaped as the page's script sends it; else refused.

    The body comes from anyone: an array, a string, null or a number in any place must give
    the same plain "did not work" as a wrong passkey, never an error.
    """
    credential = body.get("credential") if isinstance(body, dict) else None
    if not isinstance(credential, dict) or not isinstance(credential.get("id"), str):
        raise PasskeyRefused
    # A credential id is base64url (WebAuthn); anything else, such as a NUL that PostgreSQL
    # refuses to compare, is no passkey of ours.
    if not _CREDENTIAL_ID.fullmatch(credential["id"]):
        raise PasskeyRefused
    response = credential.get("response")
    if not isinstance(response, dict) or not isinstance(response.get("clientDataJSON"), str):
        raise PasskeyRefused
    return credential


def _keep_challenge(challenge: bytes, purpose: str, user: User | None = None) -> None:
    cutoff = utcnow() - CHALLENGE_LIFETIME
    db.session.execute(sa.delete(PasskeyChallenge).where(PasskeyChallenge.created_at < cutoff))
    db.session.add(
        PasskeyChallenge(
            challenge=bytes_to_base64url(challenge),
            purpose=purpose,
            user_id=user.id if user else None,
        )
    )
    db.session.flush()


def _take_challenge(credential: dict, purpose: str, user: User | None = None) -> bytes:
    """The challenge this answer signed, if we gave it out and nobody has used it; else refused.

    One conditional DELETE takes it, so two answers sent at once cannot both use it.
    """
    try:
        client_data = base64url_to_bytes(credential["response"]["clientDataJSON"])
        challenge = bytes_to_base64url(parse_client_data_json(client_data).challenge)
    except (KeyError, TypeError, ValueError, WebAuthnException) as error:
        raise PasskeyRefused from error
    taken = db.session.execute(
        sa.delete(PasskeyChallenge).where(
            PasskeyChallenge.challenge == challenge,
            PasskeyChallenge.purpose == purpose,
            PasskeyChallenge.user_id == user.id if user else PasskeyChallenge.user_id.is_(None),
            PasskeyChallenge.created_at >= utcnow() - CHALLENGE_LIFETIME,
        )
    )
    if taken.rowcount != 1:
        raise PasskeyRefused
    return base64url_to_bytes(challenge)


def _own_address() -> str | None:
    """In production, PORTAL_URL: the address people use, whatever Host a request carried.

    A passkey is tied to its site's name for good, so it must never come from a header.
    """
    if current_app.config["PORTAL_ENV"] == "development":
        return None
    return current_app.config["PORTAL_URL"] or None


def rp_id() -> str:
    configured = current_app.config["WEBAUTHN_RP_ID"]
    if configured:
        return configured
    if _own_address():
        return urlsplit(_own_address()).hostname
    host = request.host.split(":")[0]
    if not host:
        # Werkzeug reads a Host header it cannot trust (a NUL, say) as "": no passkey can
        # belong to that, and the library would fail on it.
        abort(400)
    return host


def origin() -> str:
    configured = current_app.config["WEBAUTHN_ORIGIN"]
    if configured:
        return configured
    parts = urlsplit(_own_address() or request.host_url)
    return f"{parts.scheme}://{parts.netloc}"


def _user_handle(user: User) -> bytes:
    # Opaque and stable: the phone keeps it, so it must not hold a name or a username.
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"passkey-user:{user.id}".encode(), hashlib.sha256).digest()[:16]


def registration_options(user: User) -> str:
    """The JSON the browser hands to navigator.credentials.create()."""
    known = db.session.scalars(sa.select(Passkey.credential_id).where(Passkey.user_id == user.id))
    options = generate_registration_options(
        rp_id=rp_id(),
        rp_name=current_app.config["PORTAL_NAME"],
        user_id=_user_handle(user),
        user_name=user.username,
        user_display_name=user.display_name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(cid)) for cid in known
        ],
    )
    _keep_challenge(options.challenge, _REGISTER, user)
    return options_to_json(options)


def add_passkey(user: User, credential: dict, *, device_name: str | None) -> Passkey:
    """Check the browser's answer to registration_options and keep the new passkey."""
    challenge = _take_challenge(credential, _REGISTER, user)
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id(),
            expected_origin=origin(),
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError) as error:
        raise PasskeyRefused from error
    passkey = Passkey(
        user=user,
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        device_name=(device_name or "")[:120] or None,
    )
    db.session.add(passkey)
    db.session.flush()
    security_log.record("passkey_added", user_id=user.id, detail=f"passkey {passkey.id}")
    notify(user.id, "passkey_added", link=url_for("signin.my_sign_in"))
    return passkey


def sign_in_options() -> str:
    """The JSON for navigator.credentials.get(): any passkey for this site, no username."""
    options = generate_authentication_options(
        rp_id=rp_id(), user_verification=UserVerificationRequirement.REQUIRED
    )
    _keep_challenge(options.challenge, _SIGN_IN)
    return options_to_json(options)


def check_sign_in(credential: dict) -> Passkey:
    """The passkey that answered sign_in_options, for an active account; else PasskeyRefused."""
    challenge = _take_challenge(credential, _SIGN_IN)
    credential_id = credential.get("id")
    if not isinstance(credential_id, str):
        raise PasskeyRefused
    passkey = db.session.scalar(sa.select(Passkey).where(Passkey.credential_id == credential_id))
    if passkey is None or not passkey.user.active:
        raise PasskeyRefused
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id(),
            expected_origin=origin(),
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError) as error:
        raise PasskeyRefused from error
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = utcnow()
    return passkey


def remove_passkey(passkey: Passkey, *, by: User) -> None:
    """Forget a passkey, and sign out every browser that signed in with it. Its owner is told."""
    end_device_sessions_signed_in_with(f"passkey:{passkey.id}")
    notify(passkey.user_id, "passkey_removed", link=url_for("signin.my_sign_in"))
    security_log.record(
        "passkey_removed",
        user_id=passkey.user_id,
        actor_id=by.id if by.id != passkey.user_id else None,
        detail=f"passkey {passkey.id}",
    )
    db.session.delete(passkey)
    db.session.flush()


def has_passkey(user: User) -> bool:
    return (
        db.session.scalar(sa.select(Passkey.id).where(Passkey.user_id == user.id).limit(1))
        is not None
    )
