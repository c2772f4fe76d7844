"""Making and reading notices. Functions flush; the view commits once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from portal.extensions import db
from portal.notices.kinds import KINDS
from portal.notices.models import Notice
from portal.timeutil import utcnow


def notify(
    user_ids: int | Iterable[int], kind: str, *, link: str | None = None, **params: Any
) -> list[Notice]:
    """Tell one person (or several) that something happened.

    `params` fill the kind's words when the notice is shown, so they must be JSON values
    (names, titles, dates as ISO strings). `link` is a path on this site to the thing itself.
    """
    if kind not in KINDS:
        raise KeyError(f"unknown notice kind {kind!r}: add it to portal/notices/kinds.py")
    ids = [user_ids] if isinstance(user_ids, int) else list(dict.fromkeys(user_ids))
    notices = [Notice(user_id=uid, kind=kind, params=params, link=link) for uid in ids]
    db.session.add_all(notices)
    db.session.flush()
    return notices


def mark_read(user_id: int, notice_ids: Iterable[int] | None = None) -> int:
    """Mark some (or, with None, all) of this person's unread notices read."""
    statement = sa.update(Notice).where(Notice.user_id == user_id, Notice.read_at.is_(None))
    if notice_ids is not None:
        statement = statement.where(Notice.id.in_(list(notice_ids)))
    return db.session.execute(statement.values(read_at=utcnow())).rowcount
