"""Reading groups. `visible_group_filter` is how other features limit what a person can see."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can
from portal.extensions import db
from portal.groups.models import Group, group_member


def list_groups() -> list[Group]:
    return list(
        db.session.scalars(
            sa.select(Group).options(selectinload(Group.members)).order_by(Group.name)
        )
    )


def group_ids_of(user_id: int) -> set[int]:
    return set(
        db.session.scalars(
            sa.select(group_member.c.group_id).where(group_member.c.user_id == user_id)
        )
    )


def visible_group_filter(group_id_column: sa.ColumnElement, user: User) -> sa.ColumnElement:
    """A WHERE clause: rows for everyone (NULL group), or for a group `user` is in.

    Those who may see every group (staff) see everything. Use it on any table with a nullable
    group id, e.g.
    `select(Session).where(visible_group_filter(Session.group_id, current_user))`.
    """
    return group_rule(
        group_id_column, every_group=can(user, Permission.SEE_EVERY_GROUP), viewer_id=user.id
    )


def group_rule(
    group_id_column: sa.ColumnElement, *, every_group: bool, viewer_id: Any
) -> sa.ColumnElement:
    """visible_group_filter's rule, for a person's id or a bound parameter standing for it
    (a statement built once, portal/statements.py)."""
    if every_group:
        return sa.true()
    members = sa.select(group_member.c.group_id).where(group_member.c.user_id == viewer_id)
    return sa.or_(group_id_column.is_(None), group_id_column.in_(members))
