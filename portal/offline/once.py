"""A tap sent twice is counted once: the one-time key (`Idempotency-Key`) of each tap.

The phone gives every tap it may have to send again a fresh key: "I'm coming", "I can't come",
support and "How was it?". Before the view runs, the key is inserted in the same transaction as
whatever the view writes. A key already there means this tap arrived before: nothing runs again,
and the answer is 204 with `X-Offline-Tap: already-saved`. When the view refuses (4xx) or
fails, the commit point (portal/transactions.py) rolls the key back with the rest, so the tap
can still be sent again. Two copies arriving at once meet at the primary key: the database lets
one in, and the other waits for it, then finds the key.
"""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa
from flask import Response, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.database import insert_or_ignore
from portal.extensions import db
from portal.offline import bp
from portal.offline.models import OfflineTap
from portal.offline.person import person_key
from portal.timeutil import utcnow

KEY_PATTERN = re.compile(r"[A-Za-z0-9-]{8,64}")
KEEP_DAYS = 30


def _plain(text: str, status: int) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")


@bp.before_app_request
def count_each_tap_once() -> Response | None:
    key = request.headers.get("Idempotency-Key")
    if key is None or request.method != "POST" or not current_user.is_authenticated:
        return None  # signed out: the view itself sends the person to sign in
    if not KEY_PATTERN.fullmatch(key):
        return _plain(_("That did not work. Please try again."), 400)
    sent_for = request.headers.get("X-Offline-Person")
    if sent_for is not None and sent_for != person_key():
        # Kept on this phone for someone else: never sent in this person's name.
        return _plain(_("This was saved for someone else. It was not sent."), 409)
    if not record_tap(current_user.id, key):
        response = Response(status=204)
        response.headers["X-Offline-Tap"] = "already-saved"
        return response
    return None


def record_tap(user_id: int, key: str) -> bool:
    """Add the key; False when this person sent a tap with it before. Flushes, never commits."""
    db.session.execute(
        sa.delete(OfflineTap).where(
            OfflineTap.user_id == user_id,
            OfflineTap.created_at < utcnow() - timedelta(days=KEEP_DAYS),
        )
    )
    statement = insert_or_ignore(
        OfflineTap, {"user_id": user_id, "key": key, "created_at": utcnow()}
    ).returning(OfflineTap.key)
    return db.session.execute(statement).first() is not None
