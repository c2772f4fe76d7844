"""The security log: every sign-in, failed attempt and change to a way of signing in.

It records who, what and when, and the address it came from. Never a code, token or password.
It sits in accounts, below every feature that records in it (signing in, people's passwords).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import has_request_context, request

from portal.accounts.models import SecurityEvent, User
from portal.extensions import db

# Every kind the log knows, so the page can say each in words.
KINDS = (
    "signed_in",
    "sign_in_failed",
    "card_made",
    "card_revoked",
    "passkey_added",
    "passkey_removed",
    "email_link_sent",
    "rate_limited",
    "password_paused",
    "card_codes_slowed",
    "signed_out_everywhere",
    "device_signed_out",
    "password_changed",  # every other sign-in of the person ends
    "role_changed",  # accepting an invitation to co-train (detail: the new role)
)


def record(
    kind: str,
    *,
    user_id: int | None = None,
    actor_id: int | None = None,
    detail: str | None = None,
) -> SecurityEvent:
    """Add one line to the security log. `detail` names a method or card, never a secret."""
    assert kind in KINDS, f"unknown security event {kind!r}"
    event = SecurityEvent(
        kind=kind,
        user_id=user_id,
        actor_id=actor_id,
        detail=(detail or "")[:120] or None,
        address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(event)
    db.session.flush()
    return event


def whose_username(username: str) -> int | None:
    """The account a failed password attempt was aimed at, for the log (staff only read it)."""
    return db.session.scalar(sa.select(User.id).where(User.username == username.strip().lower()))
