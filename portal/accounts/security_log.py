"""The security log: every sign-in, failed attempt and change to a way of signing in.

It records who, what and when, and the address it came from. Never a code, token or password.
It sits in accounts, below every feature that records in it (signing in, people's passwords).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import has_request_context, request

from portal.accounts.models import SecurityEvent, User
from portal.extensions import db
from portal.metrics import SIGN_IN_FAILURES

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
    "support_link_started",  # a member said yes to a supporter (user: member, actor: supporter)
    "support_link_stopped",  # the member or staff stopped it (actor: who stopped it)
    "helping_started",  # a supporter began helping (user: member, actor: supporter)
    "helping_stopped",
    "role_changed",  # accepting an invitation to co-train (detail: the new role)
    "removal_asked",  # the person asked staff to remove their account (portal/mydata)
    "removal_taken_back",  # they changed their mind before staff did it
    "account_removed",  # staff removed it (actor: who); the account is "A member" now
)

# Counted in the metrics: a burst of these is someone guessing, or something broken.
FAILURES = frozenset({"sign_in_failed", "rate_limited", "password_paused"})


def record(
    kind: str,
    *,
    user_id: int | None = None,
    actor_id: int | None = None,
    detail: str | None = None,
) -> SecurityEvent:
    """Add one line to the security log. `detail` names a method or card, never a secret."""
    assert kind in KINDS, f"unknown security event {kind!r}"
    if kind in FAILURES:
        SIGN_IN_FAILURES.inc()
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
