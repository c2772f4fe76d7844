"""One way to finish every sign-in: password, card, email link and passkey.

`finish_sign_in` starts a fresh session, records the device session and the security log, and
says where to go next: the words the person was typing when their last sign-in ended, the page
they asked for, or home.

A good card code or email link is first held in the session as *waiting*; the person then
answers "Is this your phone?" and only then is the sign-in made. That way a link opened by an
email scanner, or a card scanned on someone else's phone, never keeps anyone signed in by itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, flash, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.accounts import security_log
from portal.accounts.kept_forms import (
    SESSION_KEY,
    forget_kept_form,
    hand_over_kept_form,
    note_signed_out_person,
)
from portal.accounts.models import User
from portal.accounts.reading import carry_reading_into_account
from portal.accounts.services import (
    end_all_device_sessions,
    end_device_session,
    start_device_session,
)
from portal.extensions import db
from portal.signin.models import EmailLink, LoginCard, Passkey
from portal.timeutil import utcnow
from portal.urls import safe_next

_NEXT_KEY = "sign_in_next"
_WAITING_KEY = "sign_in_waiting"
# Long enough to read the question and answer it; short enough that a left phone is safe.
_WAITING_LENGTH = timedelta(minutes=30)


def _usable_next(target: str | None) -> str | None:
    """`target` when it is a page of this site fit for a Location header and a cookie: no
    control characters (a newline would break the header), and short."""
    target = safe_next(target)
    if (
        not target
        or len(target) > 300
        or any(ord(char) < 32 or ord(char) == 127 for char in target)
    ):
        return None
    return target


def remember_next(target: str | None) -> None:
    """Keep the page asked for, for ways of signing in that take several pages (a card,
    an email link, a passkey), so they end there too."""
    target = _usable_next(target)
    if target:
        session[_NEXT_KEY] = target


def hold_waiting_sign_in(*, card: LoginCard | None = None, link: EmailLink | None = None) -> None:
    """Remember, in this browser's session only, that a good card or link was used."""
    session[_WAITING_KEY] = {
        "card_id": card.id if card else None,
        "link_id": link.id if link else None,
        "at": utcnow().isoformat(),
    }


def forget_waiting_sign_in() -> None:
    """The person said the name is not theirs: the card or link is not used here."""
    session.pop(_WAITING_KEY, None)


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
    next_url: str | None = None,
) -> str:
    """Sign `user` in on this browser, with a fresh session, and log it.

    Returns where to go now: their kept words, the page they asked for, or home.
    """
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
    # Words kept when this person's last sign-in ended come along; anyone else's are dropped.
    kept = hand_over_kept_form(session.get(SESSION_KEY), user)
    next_url = _usable_next(next_url) or session.get(_NEXT_KEY)
    # A fresh session at every sign-in, so nothing from before it carries over.
    session.clear()
    if kept:
        session[SESSION_KEY] = kept
    start_device_session(user, remembered=remembered, user_agent=user_agent, signed_in_with=method)
    login_user(user, remember=remembered)
    carry_reading_into_account(user.id)
    security_log.record("signed_in", user_id=user.id, detail=method.replace(":", " "))
    flash(_("You are signed in. Welcome, %(name)s.", name=user.display_name), "success")
    add_passkey = staff_should_add_passkey(user)
    if add_passkey:
        flash(_("Please add a passkey now. Staff must use one to sign in."), "info")
    if kept:
        return url_for("signin.send_kept_form")  # their words first: nothing typed is lost
    if add_passkey:
        return url_for("signin.my_sign_in")
    return next_url or url_for("pages.home")


def end_sign_in(*, everywhere: bool = False) -> None:
    """The one way to sign out: end this browser's sign-in on the server (or every sign-in of
    this person), throw away the words kept for them, and clear this browser's session."""
    user = current_user._get_current_object()
    if everywhere:
        end_all_device_sessions(user)
        security_log.record("signed_out_everywhere", user_id=user.id)
    else:
        end_device_session(user.device_token)
    forget_kept_form(session.get(SESSION_KEY))  # words not sent again are not left behind
    # Clear first: logout_user() leaves a note in the session that deletes the remember cookie,
    # so the next person on this browser does not carry this person's sign-in.
    session.clear()
    logout_user()
    # The next page tells this browser whose kept words to throw away, in case the page's
    # scripts had not started when "Sign out" was tapped (a slow phone).
    note_signed_out_person(user.id)


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
