"""Sign-in links sent by email: single use, and they stop working after 15 minutes."""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.accounts import security_log
from portal.accounts.models import User
from portal.extensions import db
from portal.mail import Email, send_email
from portal.signin.models import EmailLink
from portal.timeutil import utcnow
from portal.urls import external_url


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_person_by_email(email: str) -> User | None:
    email = (email or "").strip().lower()
    if not email:
        return None
    return db.session.scalar(
        sa.select(User).where(sa.func.lower(User.email) == email, User.active.is_(True)).limit(1)
    )


def make_link(user: User, *, log: bool = True) -> str:
    """Make a new link for `user` and return its address (only a hash of the token is kept).

    The mail worker (mail_queue.py) passes log=False: the request that asked logged it.
    """
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        EmailLink(
            user=user,
            token_hash=_hash(token),
            created_at=now,
            expires_at=now + current_app.config["EMAIL_LINK_LIFETIME"],
        )
    )
    db.session.flush()
    if log:
        security_log.record("email_link_sent", user_id=user.id)
    return external_url("signin.open_email_link", token=token)


def usable_link(token: str) -> EmailLink | None:
    """The link with this token, if it is unused, not too old, and the account is active."""
    link = db.session.scalar(sa.select(EmailLink).where(EmailLink.token_hash == _hash(token)))
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        return None
    if not link.user.active:
        return None
    return link


def send_link(user: User, link: str) -> None:
    """Send the link through the SMTP server in the settings, in the person's language."""
    config = current_app.config
    with force_locale(user.language or "en"):
        outgoing = Email(
            to=user.email,
            subject=_("Your link to sign in to %(portal)s", portal=config["PORTAL_NAME"]),
            body=render_template("signin/email_link.txt", user=user, link=link, config=config),
        )
    send_email(outgoing)
