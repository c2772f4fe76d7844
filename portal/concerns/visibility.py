"""Who may see which boards and concerns: the rules every read of them applies.

Each rule comes twice: for a person (`board_filter(user)`), and as a rule for a statement
built once per shape (portal/statements.py), given the flags of `access_shape(user)` and an id
or VIEWER."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can
from portal.concerns.models import Board, Concern, Review
from portal.groups.queries import group_rule


def board_filter(user: User) -> sa.ColumnElement:
    """Boards this person may see: open ones for everyone or for a group they are in.

    Those who manage boards see archived ones too; some people see every group's boards.
    """
    manages, every_group, _ = access_shape(user)
    return board_rule(manages, every_group, user.id)


def concern_filter(user: User) -> sa.ColumnElement:
    """Concerns this person may see on a board they may see.

    Concerns waiting for a check, or hidden, are for their author and staff only.
    """
    return concern_rule(can(user, Permission.SEE_HIDDEN_CONCERNS), user.id)


def access_shape(user: User) -> tuple[bool, bool, bool]:
    """What decides which of the rules above apply to this person: the statements built once
    (portal/statements.py) are built for each of these shapes."""
    return (
        can(user, Permission.MANAGE_BOARDS),
        can(user, Permission.SEE_EVERY_GROUP),
        can(user, Permission.SEE_HIDDEN_CONCERNS),
    )


def board_rule(manages: bool, every_group: bool, viewer_id: Any) -> sa.ColumnElement:
    rule = group_rule(Board.group_id, every_group=every_group, viewer_id=viewer_id)
    return rule if manages else sa.and_(Board.archived_at.is_(None), rule)


def concern_rule(sees_hidden: bool, viewer_id: Any) -> sa.ColumnElement:
    if sees_hidden:
        return sa.true()
    return sa.or_(Concern.review == Review.SHOWN, Concern.author_id == viewer_id)
