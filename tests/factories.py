"""Factories that build real rows through the same services the portal uses.

Each call runs in its own app context and returns a detached, fully loaded object. Tests then
make requests with no app context of their own, as in production, so nothing cached on `g`
(such as Flask-Login's current user) leaks from one request into the next.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.people.services import create_person
from portal.signin.cards import make_card
from portal.signin.models import LoginCard

PASSWORD = "a-long-test-password"
_numbers = itertools.count(1)
APP: Flask | None = None  # set by the app fixture in conftest.py

T = TypeVar("T")


def in_app_context(factory: Callable[..., T]) -> Callable[..., T]:
    @wraps(factory)
    def wrapped(*args: Any, **kwargs: Any) -> T:
        assert APP is not None, "the app fixture sets tests.factories.APP"
        with APP.app_context():
            made = factory(*args, **kwargs)
            db.session.commit()
            db.session.refresh(made)
            db.session.expunge(made)
            return made

    return wrapped


def fetch(model: type[T], ident: Any) -> T | None:
    """Read one row fresh from the database, detached, for assertions."""
    assert APP is not None
    with APP.app_context():
        found = db.session.get(model, ident)
        if found is not None:
            db.session.expunge(found)
        return found


@in_app_context
def create_user(
    role: str | Role = Role.MEMBER,
    *,
    username: str | None = None,
    display_name: str | None = None,
    language: str = "en",
    password: str = PASSWORD,
    active: bool = True,
    email: str | None = None,
) -> User:
    number = next(_numbers)
    user = create_person(
        display_name=display_name or f"Person {number}",
        username=username or f"person{number}",
        role=Role(role),
        language=language,
        password=password,
        email=email,
    )
    user.active = active
    return user


def create_card(user: User, by: User) -> tuple[LoginCard, str]:
    """A working sign-in card for `user`, and its code (as printed, without the space)."""
    assert APP is not None
    with APP.app_context():
        card, code = make_card(db.session.get(User, user.id), by=db.session.get(User, by.id))
        db.session.commit()
        db.session.refresh(card)
        db.session.expunge(card)
        return card, code
