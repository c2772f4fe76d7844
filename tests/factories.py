"""Factories that build real rows through the same services the portal uses.

Each call runs in its own app context and returns a detached, fully loaded object. Tests then
make requests with no app context of their own, as in production, so nothing cached on `g`
(such as Flask-Login's current user) leaks from one request into the next.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Flask

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.people.services import create_person
from portal.signin.cards import make_card
from portal.signin.models import LoginCard
from portal.timeutil import utcnow

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


def count_rows(model: type, **where: Any) -> int:
    """How many rows of `model` match `where` (column=value; None matches NULL), read fresh."""
    assert APP is not None
    with APP.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).filter_by(**where))


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


@in_app_context
def create_session(
    *,
    title: str = "Introduction to community organising",
    starts_in: timedelta = timedelta(days=7),
    hours: int = 3,
    places: int = 10,
    group_id: int | None = None,
    trainers: list[User] | None = None,
    **fields: Any,
):
    """A session starting `starts_in` from now (negative for a past one)."""
    from portal.sessions.services import create_session as make

    start = utcnow().replace(second=0, microsecond=0) + starts_in
    values = {
        "title": title,
        "summary": "We meet and talk about what matters to us.",
        "picture": "sessions",
        "start_at": start,
        "end_at": start + timedelta(hours=hours),
        "place_name": "Community Hall",
        "address": "1 High Street, Newport",
        "step_free": True,
        "hearing_loop": False,
        "accessible_toilet": True,
        "access_notes": "",
        "bring": "",
        "online_link": None,
        "group_id": group_id,
        "places": places,
    }
    values.update(fields)
    trainer_rows = [db.session.get(User, person.id) for person in trainers or []]
    return make(trainers=trainer_rows, **values)


@in_app_context
def create_group(name: str, members: list[User] = ()):
    from portal.groups.models import Group

    group = Group(name=name)
    group.members = [db.session.get(User, person.id) for person in members]
    db.session.add(group)
    db.session.flush()
    return group


@in_app_context
def book(session_id: int, user_id: int, **help_fields: Any):
    """Say `user` is coming to the session, through the real service."""
    from portal.sessions.models import TrainingSession
    from portal.sessions.services import say_coming

    return say_coming(
        db.session.get(TrainingSession, session_id), db.session.get(User, user_id), **help_fields
    )


@in_app_context
def create_agenda_item(session_id: int, user_id: int | None = None, **fields: Any):
    """An item at the end of the session's agenda, through the real service."""
    from portal.agendas.services import add_item, agenda_for
    from portal.sessions.models import TrainingSession

    values = {"title": "Welcome", "description": "", "minutes": 30, "kind": "talk"}
    values.update(fields)
    values.setdefault("leaders", "")
    agenda = agenda_for(db.session.get(TrainingSession, session_id))
    user = db.session.get(User, user_id) if user_id else None
    return add_item(agenda, user, **values)


@in_app_context
def take_off_agenda_item(item_id: int):
    """Delete an item from its agenda, through the real service, as it is now."""
    from portal.agendas.models import Agenda, AgendaItem
    from portal.agendas.services import delete_item

    item = db.session.get(AgendaItem, item_id)
    return delete_item(db.session.get(Agenda, item.agenda_id), item.id, item.version, None)


@in_app_context
def publish_agenda(session_id: int):
    from portal.agendas.publishing import publish
    from portal.agendas.services import agenda_for
    from portal.sessions.models import TrainingSession

    agenda = agenda_for(db.session.get(TrainingSession, session_id))
    publish(agenda)
    return agenda


@in_app_context
def create_suggestion(session_id: int, user_id: int, title: str, details: str = ""):
    """A member's idea for the agenda, waiting for an answer."""
    from portal.agendas.services import agenda_for
    from portal.agendas.suggestions import suggest
    from portal.sessions.models import TrainingSession

    agenda = agenda_for(db.session.get(TrainingSession, session_id))
    return suggest(agenda, db.session.get(User, user_id), title, details)


# --- Concerns -----------------------------------------------------------------------------------
@in_app_context
def create_board(
    name: str = "Getting about",
    *,
    picture: str = "bus",
    group_id: int | None = None,
    check_first: bool = False,
    archived: bool = False,
):
    from portal.concerns.services import create_board as make_board
    from portal.concerns.services import set_board_archived

    board = make_board(name=name, picture=picture, group_id=group_id, check_first=check_first)
    if archived:
        set_board_archived(board, True)
    return board


@in_app_context
def create_concern(
    board_id: int,
    author_id: int,
    title: str = "The bus is often late",
    *,
    details: str = "",
    place: str = "",
    picture: str = "bus",
    review: str | None = None,
    status: str | None = None,
    created_at=None,
):
    from portal.concerns.models import Board, Review, Status
    from portal.concerns.services import create_concern as make_concern

    board = db.session.get(Board, board_id)
    author = db.session.get(User, author_id)
    concern = make_concern(
        board, author, title=title, details=details, place=place, picture=picture
    )
    if review:
        concern.review = Review(review)
    if status:
        concern.status = Status(status)
    if created_at:
        concern.created_at = created_at
    return concern


def create_card(user: User, by: User) -> tuple[LoginCard, str]:
    """A working sign-in card for `user`, and its code (as printed, without the space)."""
    assert APP is not None
    with APP.app_context():
        card, code = make_card(db.session.get(User, user.id), by=db.session.get(User, by.id))
        db.session.commit()
        db.session.refresh(card)
        db.session.expunge(card)
        return card, code


# --- Moderation -------------------------------------------------------------------------------
@in_app_context
def create_reply(concern_id: int, author_id: int, words: str = "This happens to me too."):
    from portal.concerns.models import Concern
    from portal.concerns.services import add_reply

    concern = db.session.get(Concern, concern_id)
    return add_reply(concern, db.session.get(User, author_id), words)


@in_app_context
def report(kind: str, item_id: int, reporter_id: int, reason: str = "unkind", note: str = ""):
    """A member tells staff about a concern or reply; returns the item."""
    from portal.moderation.queries import get_item
    from portal.moderation.services import report_item

    item = get_item(kind, item_id)
    with APP.test_request_context():  # notices link to the item
        report_item(item, db.session.get(User, reporter_id), reason, note)
    return item
