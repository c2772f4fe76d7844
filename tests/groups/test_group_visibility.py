"""visible_group_filter: what is for a group is seen by its members and staff only."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import User
from portal.extensions import db
from portal.groups.models import Group
from portal.groups.queries import group_ids_of, visible_group_filter


def test_group_filter_for_members_outsiders_and_staff(app, users_by_role):
    with app.app_context():
        group = Group(name="Newport members")
        group.members = [db.session.get(User, users_by_role["member"].id)]
        db.session.add(group)
        db.session.commit()
        rows = sa.union_all(
            sa.select(sa.literal(None).label("group_id")), sa.select(sa.literal(group.id))
        ).subquery()

        def visible_to(role):
            user = db.session.get(User, users_by_role[role].id)
            return sorted(
                db.session.scalars(
                    sa.select(rows.c.group_id).where(visible_group_filter(rows.c.group_id, user))
                ),
                key=lambda value: value or 0,
            )

        assert visible_to("member") == [None, group.id]
        assert visible_to("co_trainer") == [None]
        assert visible_to("staff") == [None, group.id]
        assert group_ids_of(users_by_role["member"].id) == {group.id}
