"""Staff looking after accounts. Functions flush; the view commits once."""

from __future__ import annotations

from flask import url_for

from portal.accounts.models import Role, User
from portal.accounts.passwords import hash_password
from portal.accounts.permissions import Permission, role_can
from portal.accounts.services import end_all_device_sessions
from portal.extensions import db
from portal.notices.services import notify


class CannotChangeOwnAccount(Exception):
    """Staff may not lock themselves out: no turning off or demoting their own account."""


def create_person(
    *,
    display_name: str,
    username: str,
    role: Role,
    language: str,
    password: str,
    email: str | None = None,
) -> User:
    person = User(
        display_name=display_name,
        email=email,
        username=username,
        role=role,
        language=language,
        password_hash=hash_password(password),
    )
    db.session.add(person)
    db.session.flush()
    return person


def open_account(**fields) -> User:
    """Staff add a person (the fields of create_person); the person gets a welcome notice."""
    person = create_person(**fields)
    notify(person.id, "account_welcome", link=url_for("pages.home"))
    return person


def update_person(
    person: User,
    *,
    by: User,
    display_name: str,
    username: str,
    role: Role,
    language: str,
    email: str | None = None,
) -> None:
    if person.id == by.id and not role_can(role, Permission.MANAGE_PEOPLE):
        raise CannotChangeOwnAccount
    person.display_name = display_name
    person.username = username
    person.role = role
    person.language = language
    person.email = email
    db.session.flush()


def set_person_active(person: User, *, by: User, active: bool) -> None:
    """Turn an account on or off. Turning it off signs it out on every device at once."""
    if person.id == by.id and not active:
        raise CannotChangeOwnAccount
    person.active = active
    if not active:
        end_all_device_sessions(person)
    db.session.flush()


def set_password(person: User, password: str, *, by: User) -> None:
    """Give `person` a new password. Whoever knew the old one may be signed in somewhere:
    every other sign-in of theirs ends (staff changing their own keep this browser)."""
    person.password_hash = hash_password(password)
    keep = by.device_token if by.id == person.id else None
    end_all_device_sessions(person, except_token=keep)
    db.session.flush()
