"""Reads for the staff pages: cards and the security log, eager-loaded."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.accounts.models import SecurityEvent, User
from portal.extensions import db
from portal.signin.models import LoginCard


def list_cards(user_id: int) -> list[LoginCard]:
    """A person's cards, working ones first, newest first."""
    return list(
        db.session.scalars(
            sa.select(LoginCard)
            .where(LoginCard.user_id == user_id)
            .order_by(LoginCard.revoked_at.is_not(None), LoginCard.created_at.desc())
        )
    )


def list_events(user_id: int | None = None, limit: int = 200) -> list[SecurityEvent]:
    """The latest lines of the security log, for everyone or for one person."""
    query = (
        sa.select(SecurityEvent)
        .options(joinedload(SecurityEvent.user), joinedload(SecurityEvent.actor))
        .order_by(SecurityEvent.at.desc(), SecurityEvent.id.desc())
        .limit(limit)
    )
    if user_id is not None:
        query = query.where(SecurityEvent.user_id == user_id)
    return list(db.session.scalars(query))


def list_people_for_cards() -> list[User]:
    """Everyone whose account is on, by name: the people staff can make cards for."""
    return list(
        db.session.scalars(
            sa.select(User).where(User.active.is_(True)).order_by(User.display_name, User.id)
        )
    )
