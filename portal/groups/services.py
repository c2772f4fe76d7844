"""Staff looking after groups. Functions flush; the view commits once."""

from __future__ import annotations

from portal.accounts.models import User
from portal.extensions import db
from portal.groups.models import Group


def create_group(name: str) -> Group:
    group = Group(name=name)
    db.session.add(group)
    db.session.flush()
    return group


def rename_group(group: Group, name: str) -> None:
    group.name = name
    db.session.flush()


def add_to_group(group: Group, person: User) -> bool:
    """Add `person`; False when they were in the group already."""
    if person in group.members:
        return False
    group.members.append(person)
    db.session.flush()
    return True


def remove_from_group(group: Group, person: User) -> None:
    if person in group.members:
        group.members.remove(person)
        db.session.flush()
