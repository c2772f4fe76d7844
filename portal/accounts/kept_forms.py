"""Keeping what a person typed when their sign-in ended before they pressed the button.

Easy read (and WCAG 2.2.6): a session that ended while someone typed must not lose their words.
The typed fields are kept on the server under a random token; the browser holds only the
token, and after signing in the person sees their words and sends them again.

The words belong to their writer. A form is kept only when this browser's cookies still name a
sign-in of a real person that has ended (the device token Flask-Login carries in the session
cookie, or in the remember cookie when the browser was closed). The kept form is bound to that
person and that sign-in, and only that person is shown it after signing in again. A visitor who
was never signed in, or a post made by another website, keeps nothing: otherwise anyone could
plant words that a member later sends with one tap.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app, request, session, url_for
from flask_login.utils import decode_cookie
from sqlalchemy.orm import Mapped, mapped_column

from portal.accounts.cross_site import is_cross_site
from portal.accounts.form_tokens import form_opened_at
from portal.accounts.helping import HELPING_KEY
from portal.accounts.models import DeviceSession, User
from portal.extensions import db
from portal.htmx import go_to_page, page_path
from portal.timeutil import utcnow

KEEP_FOR = timedelta(days=2)
# Form tokens carry whole seconds: a form opened in the second the sign-in ended is still theirs.
_TOKEN_CLOCK = timedelta(seconds=2)
SESSION_KEY = "kept_form"
# Never kept: they are secret, or useless once the session has changed.
SECRET_FIELDS = ("password", "csrf_token", "code", "token")
# The longest real form (a moderator's edit, 4000 letters, plus a title) fits with room to
# spare. A bigger post is not a person typing: nothing of it is kept, rather than half of it.
MAX_FIELDS = 40
MAX_LETTERS = 8000
MAX_PATH = 300


class KeptForm(db.Model):
    __tablename__ = "kept_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    path: Mapped[str] = mapped_column(sa.String(MAX_PATH))
    fields: Mapped[list[Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Whose words these are, and the sign-in that ended while they typed. Rows kept before
    # 0017 have neither, and are never shown to anyone.
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    device_session_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("device_session.id", ondelete="CASCADE")
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def typed_fields() -> list[tuple[str, str]]:
    """What the person typed into the posted form, less anything secret."""
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if not any(secret in name.lower() for secret in SECRET_FIELDS)
    ]


def fits_limits(fields: list[tuple[str, str]]) -> bool:
    """True when the form is small enough to be a person's typing, and holds no NUL byte."""
    letters = sum(len(name) + len(value) for name, value in fields)
    no_nul = not any("\x00" in name or "\x00" in value for name, value in fields)
    return len(fields) <= MAX_FIELDS and letters <= MAX_LETTERS and no_nul


def _device_tokens() -> list[str]:
    """The device tokens this browser still carries: in the session, and the remember cookie."""
    tokens = [session.get("_user_id")]
    cookie = request.cookies.get(current_app.config["REMEMBER_COOKIE_NAME"])
    if cookie:
        tokens.append(decode_cookie(cookie))  # None unless signed with our secret key
    return [token for token in tokens if isinstance(token, str) and token]


def ended_device_session() -> DeviceSession | None:
    """The sign-in of a real, active person that this browser held, that has now ended, and
    that was still running when the form being sent was opened (so the words are theirs)."""
    from portal.accounts.services import _hash_token

    opened = form_opened_at()
    if opened is None:
        return None
    now = utcnow()
    for token in _device_tokens():
        device = db.session.scalar(
            sa.select(DeviceSession).where(DeviceSession.token_hash == _hash_token(token))
        )
        if device is None or not device.user.active:
            continue
        ended = min(device.ended_at or device.expires_at, device.expires_at)
        if ended <= now and opened <= ended + _TOKEN_CLOCK:
            return device
    return None


def keep_form_and_sign_in():
    """Keep the posted form for its writer when their sign-in ended, then send them to sign in.

    Anyone else, and a supporter who was helping someone, is sent to sign in with nothing kept.
    """
    fields = typed_fields()
    # Words typed while helping someone are that member's: kept for the supporter, they would be
    # sent later in the supporter's own name. Nothing is kept.
    helping = session.get(HELPING_KEY) is not None
    device = None if is_cross_site() or helping else ended_device_session()
    if (
        device is None
        or not fields
        or not fits_limits(fields)
        or len(request.path) > MAX_PATH
        or "\x00" in request.path
    ):
        # htmx posts to a piece of a page: come back to the page itself.
        return go_to_page(url_for("signin.sign_in", next=page_path()))
    token = secrets.token_urlsafe(24)
    db.session.execute(sa.delete(KeptForm).where(KeptForm.created_at < utcnow() - KEEP_FOR))
    db.session.add(
        KeptForm(
            token_hash=_hash(token),
            path=request.path,
            fields=fields,
            user_id=device.user_id,
            device_session_id=device.id,
        )
    )
    session[SESSION_KEY] = token
    return go_to_page(url_for("signin.sign_in", next=url_for("signin.send_kept_form")))


def take_kept_form(token: str | None, user: User) -> KeptForm | None:
    """The form kept under `token`, if it is recent and was typed by `user`."""
    if not token:
        return None
    return db.session.scalar(
        sa.select(KeptForm).where(
            KeptForm.token_hash == _hash(token),
            KeptForm.user_id == user.id,
            KeptForm.created_at > utcnow() - KEEP_FOR,
        )
    )


def hand_over_kept_form(token: str | None, user: User) -> str | None:
    """At sign-in: the token to carry into the new session when its words are `user`'s.

    Words someone else left on this browser are thrown away, never shown to `user`.
    """
    if not token:
        return None
    if take_kept_form(token, user) is not None:
        return token
    forget_kept_form(token)
    return None


def forget_kept_form(token: str | None) -> None:
    """Throw away the form kept under `token` (at sign-out, or when someone else signs in)."""
    if token:
        db.session.execute(sa.delete(KeptForm).where(KeptForm.token_hash == _hash(token)))


SIGNED_OUT_PERSON = "signed_out_person"


def note_signed_out_person(user_id: int) -> None:
    """Tell the next page whose words this browser keeps to throw away (kept-words.js): the
    page's scripts may not have started when "Sign out" was tapped on a slow phone."""
    session[SIGNED_OUT_PERSON] = user_id


def take_signed_out_person() -> int | None:
    """Whoever signed out on this browser just before this page, once."""
    return session.pop(SIGNED_OUT_PERSON, None)
