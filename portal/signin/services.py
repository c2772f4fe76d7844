"""One way to finish every sign-in without a password.

A good card code or email link is first held in the session as *waiting*; the person then
answers "Is this your phone?" and only then is the sign-in made. That way a link opened by an
email scanner, or a card scanned on someone else's phone, never keeps anyone signed in by itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, session
from flask_login import login_user

from portal.accounts.models import User
from portal.accounts.services import start_device_session
from portal.extensions import db
from portal.signin import security_log
from portal.signin.models import EmailLink, LoginCard, Passkey
from portal.timeutil import utcnow

_WAITING_KEY = "sign_in_waiting"
# Long enough to read the question and answer it; short enough that a left phone is safe.
_WAITING_LENGTH = timedelta(minutes=30)


def hold_waiting_sign_in(*, card: LoginCard | None = None, link: EmailLink | None = None) -> None:
    """Remember, in this browser's session only, that a good card or link was used."""
    session[_WAITING_KEY] = {
        "card_id": card.id if card else None,
        "link_id": link.id if link else None,
        "at": utcnow().isoformat(),
    }


def waiting_sign_in() -> tuple[User, LoginCard | None, EmailLink | None] | None:
    """The person waiting to be signed in, if the card or link still works."""
    waiting = session.get(_WAITING_KEY)
    if not waiting:
        return None
    if utcnow() - datetime.fromisoformat(waiting["at"]) > _WAITING_LENGTH:
        return None
    card = db.session.get(LoginCard, waiting["card_id"]) if waiting["card_id"] else None
    link = db.session.get(EmailLink, waiting["link_id"]) if waiting["link_id"] else None
    if card is not None and card.revoked_at is None and card.user.active:
        return card.user, card, None
    now = utcnow()
    if link is not None and link.used_at is None and link.expires_at > now and link.user.active:
        return link.user, None, link
    return None


def finish_sign_in(
    user: User,
    *,
    remembered: bool,
    user_agent: str | None,
    card: LoginCard | None = None,
    link: EmailLink | None = None,
    passkey: Passkey | None = None,
) -> None:
    """Sign `user` in on this browser, with a fresh session, and log it."""
    now = utcnow()
    if passkey is not None:
        method = f"passkey:{passkey.id}"
    elif card is not None:
        card.last_used_at = now
        method = f"card:{card.id}"
    elif link is not None:
        link.used_at = now  # single use
        method = "email"
    else:
        method = "password"
    # A fresh session at every sign-in, so nothing from before it carries over.
    session.clear()
    start_device_session(user, remembered=remembered, user_agent=user_agent, signed_in_with=method)
    login_user(user, remember=remembered)
    security_log.record("signed_in", user_id=user.id, detail=method.replace(":", " "))


def staff_must_use_passkey(user: User) -> bool:
    """True when the STAFF_REQUIRE_PASSKEY setting says this staff account may only use a passkey.

    Staff with no passkey yet may still sign in another way, once, to add one.
    """
    from portal.signin.passkeys import has_passkey

    return bool(current_app.config["STAFF_REQUIRE_PASSKEY"] and user.is_staff and has_passkey(user))


def staff_should_add_passkey(user: User) -> bool:
    """True for staff with no passkey yet, when the setting says staff must use one."""
    from portal.signin.passkeys import has_passkey

    return bool(
        current_app.config["STAFF_REQUIRE_PASSKEY"] and user.is_staff and not has_passkey(user)
    )
