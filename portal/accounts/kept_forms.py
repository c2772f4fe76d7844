"""Keeping what a person typed when they were signed out before they pressed the button.

Easy read (and WCAG 2.2.6): a session that ended while someone typed must not lose their words.
The typed fields are kept on the server under a random token; the browser holds only the
token, and after signing in the person sees their words and sends them again.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import request, session, url_for
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.htmx import go_to_page, page_path
from portal.timeutil import utcnow

KEEP_FOR = timedelta(days=2)
SESSION_KEY = "kept_form"
# Never kept: they are secret, or useless once the session has changed.
SECRET_FIELDS = ("password", "csrf_token", "code", "token")


class KeptForm(db.Model):
    __tablename__ = "kept_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    path: Mapped[str] = mapped_column(sa.String(300))
    fields: Mapped[list[Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def typed_fields() -> list[tuple[str, str]]:
    """What the person typed into the posted form, less anything secret."""
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if not any(secret in name.lower() for secret in SECRET_FIELDS)
    ]


def keep_form_and_sign_in():
    """Keep the posted form, then send the person to sign in and come back to it."""
    fields = typed_fields()
    if not fields:
        # htmx posts to a piece of a page: come back to the page itself.
        return go_to_page(url_for("accounts.sign_in", next=page_path() or request.path))
    token = secrets.token_urlsafe(24)
    db.session.execute(sa.delete(KeptForm).where(KeptForm.created_at < utcnow() - KEEP_FOR))
    db.session.add(KeptForm(token_hash=_hash(token), path=request.path, fields=fields))
    db.session.commit()
    session[SESSION_KEY] = token
    return go_to_page(url_for("accounts.sign_in", next=url_for("accounts.send_kept_form")))


def take_kept_form(token: str | None) -> KeptForm | None:
    if not token:
        return None
    return db.session.scalar(
        sa.select(KeptForm).where(
            KeptForm.token_hash == _hash(token), KeptForm.created_at > utcnow() - KEEP_FOR
        )
    )
