"""Demo moderation: a reported concern, a reply hidden by reports, a hidden and a merged concern,
and a member staff stopped posting.

So a newcomer signed in as staff (jo) sees a working queue, a log, and a merge they can undo;
signed in as megan, they see what a member stopped from posting sees.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from portal.accounts.models import User
from portal.concerns.models import Board, Concern
from portal.concerns.services import add_reply, create_concern, set_support
from portal.extensions import db
from portal.moderation.merging import merge_concerns
from portal.moderation.people import suspend_posting
from portal.moderation.services import Decision, decide, report_item
from portal.timeutil import utcnow


def _person(name: str) -> User:
    return db.session.scalar(sa.select(User).where(User.display_name == name))


def _concern(title: str) -> Concern:
    return db.session.scalar(sa.select(Concern).where(Concern.title == title))


def _board(name: str) -> Board:
    return db.session.scalar(sa.select(Board).where(Board.name == name))


def load_moderation_demo(people: dict[str, User]) -> None:
    # Notices link to the items, and links need a request to be built.
    with current_app.test_request_context("/"):
        _load(people)


def _load(people: dict[str, User]) -> None:
    staff = people["jo"]
    crowd = [_person(n) for n in ("Aled Hughes", "Bethan Price", "Carys Lloyd", "Dylan Rees")]
    getting_about, where_i_live = _board("Getting about"), _board("Where I live")

    # A duplicate that two members told staff about.
    duplicate = create_concern(
        getting_about, _person("Emma Clarke"), title="Buses are late all the time", picture="bus"
    )
    duplicate.created_at = utcnow() - timedelta(days=2)
    for person in crowd[:2]:
        set_support(duplicate.id, person.id, True)
        report_item(duplicate, person, "duplicate")

    # An unkind reply: 3 reports hide it until staff decide.
    flat = _concern("My flat is cold and damp")
    reply = add_reply(flat, _person("Kieran Moss"), "Stop moaning. Just open a window.")
    for person in crowd[:3]:
        report_item(reply, person, "unkind")

    # A concern staff hid, with the reason its author sees.
    private = create_concern(
        where_i_live,
        _person("Gareth Owen"),
        title="My neighbour at number 12 Hill Street shouts at night",
        details="His name is on the door. He shouts every night.",
        picture="noise",
    )
    decide(
        private,
        staff,
        Decision("hide", "private", "Please write it again without the address or the name."),
    )

    # A duplicate staff merged today: its supporters moved, and jo can still undo it.
    merged = create_concern(
        getting_about, _person("Hannah Bell"), title="The bus never comes on time", picture="bus"
    )
    for person in crowd:
        set_support(merged.id, person.id, True)
    merge_concerns(_concern("The bus is often late"), merged, staff)
    db.session.flush()

    # An unkind reply staff hid, and its author stopped from posting for now.
    megan = people["megan"]
    tickets = _concern("Bus tickets cost too much")
    unkind = add_reply(tickets, megan, "Nobody cares about your money. Stop going on about it.")
    decide(unkind, staff, Decision("hide", "unkind", "Please be kind to other members."))
    suspend_posting(megan, staff, "You wrote unkind replies to other members.")
    db.session.flush()
