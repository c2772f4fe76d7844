"""Reading accounts for the staff pages."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import User
from portal.extensions import db


def list_people(search: str = "") -> list[User]:
    """Everyone, by name; `search` matches part of a name or username, any case. A removed
    account is nobody now: it is not listed."""
    query = (
        sa.select(User)
        .where(User.removed_at.is_(None))
        .order_by(sa.func.lower(User.display_name), User.id)
    )
    words = search.strip().lower()
    if words:
        like = f"%{words.replace('%', '').replace('_', '')}%"
        query = query.where(
            sa.or_(sa.func.lower(User.display_name).like(like), User.username.like(like))
        )
    return list(db.session.scalars(query))
