"""Reading notices: only ever the signed-in person's own."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.preloaded import preload_value, preloaded
from portal.extensions import db
from portal.notices.models import Notice

PAGE_SIZE = 30


def _unread(user_id) -> sa.Select:
    return (
        sa.select(sa.func.count())
        .select_from(Notice)
        .where(Notice.user_id == user_id, Notice.read_at.is_(None))
    )


# The header shows it on every page: it comes with the sign-in's SELECT, as a subquery.
preload_value(
    "unread_notices", {Notice.__tablename__}, lambda user_id: _unread(user_id).scalar_subquery()
)


def count_unread(user_id: int) -> int:
    """One indexed query (or none: the one read with the sign-in, while it still holds)."""
    return preloaded("unread_notices", user_id, lambda: db.session.scalar(_unread(user_id)))


def list_notices(user_id: int, limit: int = PAGE_SIZE) -> list[Notice]:
    return list(
        db.session.scalars(
            sa.select(Notice)
            .where(Notice.user_id == user_id)
            .order_by(Notice.created_at.desc(), Notice.id.desc())
            .limit(limit)
        )
    )


def get_own_notice(user_id: int, notice_id: int) -> Notice | None:
    return db.session.scalar(
        sa.select(Notice).where(Notice.id == notice_id, Notice.user_id == user_id)
    )
