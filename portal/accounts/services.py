"""Signing in and out. Functions flush; the view commits once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import abort, current_app
from sqlalchemy.orm import joinedload

from portal.accounts.models import DeviceSession, User
from portal.accounts.passwords import check_password
from portal.accounts.preloaded import PRELOADS, remember, with_preloads
from portal.extensions import db
from portal.statements import built
from portal.timeutil import utcnow

# Writing last_seen on every request would turn every page view into a database write.
_SEEN_GRANULARITY = timedelta(minutes=5)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if not check_password(user.password_hash if user else None, password):
        return None
    if user is None or not user.active:
        return None
    return user


def start_device_session(
    user: User, *, remembered: bool, user_agent: str | None, signed_in_with: str = "password"
) -> str:
    """Record a new sign-in for `user` and return its secret token (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    length = (
        current_app.config["REMEMBER_COOKIE_DURATION"]
        if remembered
        else current_app.config["VISIT_LENGTH"]
    )
    db.session.add(
        DeviceSession(
            user=user,
            token_hash=_hash_token(token),
            remembered=remembered,
            user_agent=(user_agent or "")[:200] or None,
            signed_in_with=signed_in_with,
            created_at=now,
            last_seen_at=now,
            expires_at=now + length,
        )
    )
    db.session.flush()
    user.device_token = token
    return token


def load_user_for_token(token: str) -> User | None:
    """The user signed in with `token`, if that sign-in is still good and the account active.

    What every page asks about them (portal/accounts/preloaded.py) comes in the same SELECT,
    built once (portal/statements.py): every request runs it."""
    preloads = tuple(PRELOADS)
    query = built(_device_statement, *preloads)
    row = db.session.execute(query, {"token_hash": _hash_token(token)}).first()
    device = row[0] if row is not None else None
    now = utcnow()
    if device is None or device.ended_at is not None or device.expires_at <= now:
        return None
    if not device.user.active:
        return None
    if now - device.last_seen_at > _SEEN_GRANULARITY:
        device.last_seen_at = now
        if not device.remembered:
            # A visit slides forward while the person keeps using it.
            device.expires_at = now + current_app.config["VISIT_LENGTH"]
    device.user.device_token = token
    remember(device.user_id, dict(zip(preloads, row[1:], strict=True)))
    return device.user


def _device_statement(*preloads: str) -> sa.Select:
    # `preloads` names what is registered now, so the statement is built again if that changes.
    query, names = with_preloads(
        sa.select(DeviceSession)
        .where(DeviceSession.token_hash == sa.bindparam("token_hash"))
        .options(joinedload(DeviceSession.user)),
        DeviceSession.user_id,
    )
    assert names == preloads
    return query


def end_device_session(token: str | None) -> None:
    """Sign out the one browser that holds `token`."""
    if not token:
        return
    db.session.execute(
        sa.update(DeviceSession)
        .where(DeviceSession.token_hash == _hash_token(token), DeviceSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )


def end_all_device_sessions(user: User, *, except_token: str | None = None) -> None:
    """Sign `user` out everywhere, for example when staff deactivate the account.

    `except_token` keeps one browser signed in: the one where the person changed their own
    password."""
    keep = _hash_token(except_token) if except_token else ""
    db.session.execute(
        sa.update(DeviceSession)
        .where(
            DeviceSession.user_id == user.id,
            DeviceSession.ended_at.is_(None),
            DeviceSession.token_hash != keep,
        )
        .values(ended_at=utcnow())
    )


def end_device_sessions_signed_in_with(signed_in_with: str) -> int:
    """Sign out every browser that signed in with one credential, such as a revoked card."""
    return db.session.execute(
        sa.update(DeviceSession)
        .where(DeviceSession.signed_in_with == signed_in_with, DeviceSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    ).rowcount


def person_or_404(person_id: int) -> User:
    """An account staff may still act on. A removed account (portal/mydata/removal.py) keeps its
    row only so that counts stay right: nobody may give it a name, a way in or a role again."""
    person = db.session.get(User, person_id)
    if person is None or person.removed_at is not None:
        abort(404)
    return person
