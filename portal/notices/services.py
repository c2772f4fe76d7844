"""Making and reading notices. Functions flush; the view commits once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from portal.database import insert_or_ignore
from portal.extensions import db
from portal.notices.kinds import KINDS
from portal.notices.models import Notice
from portal.timeutil import utcnow


def notify(
    user_ids: int | Iterable[int], kind: str, *, link: str | None = None, **params: Any
) -> int:
    """Tell one person (or several, each once) that something happened. Returns how many.

    `params` fill the kind's words when the notice is shown, so they must be JSON values
    (names, titles, dates as ISO strings). `link` is a path on this site to the thing itself.
    One INSERT for everyone (an executemany), not one ORM object each: a merge tells 10,000
    supporters at once.
    """
    _check_kind(kind)
    ids = [user_ids] if isinstance(user_ids, int) else list(dict.fromkeys(user_ids))
    if not ids:
        return 0
    now = utcnow()
    # Every column is given, so the rows are exactly what the model's defaults would make:
    # not read, not yet emailed, no email tries.
    rows = [
        {
            "user_id": uid,
            "kind": kind,
            "params": params,
            "link": link,
            "created_at": now,
            "read_at": None,
            "email_claimed_at": None,
            "emailed_at": None,
            "email_attempts": 0,
            "dedupe_key": None,
        }
        for uid in ids
    ]
    db.session.execute(sa.insert(Notice), rows)
    return len(ids)


def notify_once(
    user_id: int, kind: str, *, dedupe_key: str, link: str | None = None, **params: Any
) -> bool:
    """Like `notify`, but at most once ever for `dedupe_key`, even when two processes race.

    Returns True when this call made the notice.
    """
    _check_kind(kind)
    values = {
        "user_id": user_id,
        "kind": kind,
        "params": params,
        "link": link,
        "dedupe_key": dedupe_key,
        "created_at": utcnow(),
        "email_attempts": 0,
    }
    statement = insert_or_ignore(Notice, values, ["dedupe_key"]).returning(Notice.id)
    # RETURNING gives a row only when this call inserted; rowcount is not reliable here.
    return db.session.execute(statement).first() is not None


def remove_old_notices(now: datetime, keep_days: int) -> int:
    """Notices are kept for a while (a year by default), then removed."""
    cutoff = now - timedelta(days=keep_days)
    return db.session.execute(sa.delete(Notice).where(Notice.created_at < cutoff)).rowcount


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise KeyError(f"unknown notice kind {kind!r}: register it in its feature's notice_kinds")


def mark_read(user_id: int, notice_ids: Iterable[int] | None = None) -> int:
    """Mark some (or, with None, all) of this person's unread notices read."""
    statement = sa.update(Notice).where(Notice.user_id == user_id, Notice.read_at.is_(None))
    if notice_ids is not None:
        statement = statement.where(Notice.id.in_(list(notice_ids)))
    return db.session.execute(statement.values(read_at=utcnow())).rowcount
