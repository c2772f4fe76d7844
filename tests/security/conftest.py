"""A little real data and a signed-in client per role, for the hostile-input sweep."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db, limiter
from tests import factories
from tests.security.hostile import CHANGES_WHO_IS_SIGNED_IN, every_route, form_field_names

ROLES = (None, "member", "co_trainer", "staff")


@pytest.fixture
def world(app, member, co_trainer, staff):
    """One of each thing a URL can name, so a real id takes a view past its lookups.

    `person_id` names a fourth person: a sweep that switches someone off or changes a password
    must not sign out the clients doing the sweep.
    """
    other = factories.create_user(role="member", username="pat", display_name="Pat Lee")
    group = factories.create_group("Tuesday group", [member, other])
    session = factories.create_session(trainers=[co_trainer])
    factories.book(session.id, member.id)
    item = factories.create_agenda_item(session.id, co_trainer.id)
    suggestion = factories.create_suggestion(session.id, member.id, "Tea break")
    board = factories.create_board()
    concern = factories.create_concern(board.id, member.id)
    reply = factories.create_reply(concern.id, member.id)
    card, code = factories.create_card(other, staff)
    from tests.people.support_helpers import link

    supporter = factories.create_user(role="supporter", username="kim", display_name="Kim Evans")
    support_link = link(member, supporter)
    with app.app_context():
        from portal.words.services import load_starting_words, word_by_slug

        load_starting_words()
        word_id = word_by_slug("agenda").id
        db.session.commit()
    with app.test_request_context():
        from portal.notices.services import notify
        from portal.sessions.services import calendar_token

        notify(member.id, "passkey_added", link="/my-sign-in")
        token = calendar_token(db.session.get(type(member), member.id))
        db.session.commit()
        from portal.notices.models import Notice

        notice_id = db.session.scalar(sa.select(sa.func.min(Notice.id)))
        from portal.learning.models import LearningStep

        step = LearningStep(kind="sessions", number=2)
        db.session.add(step)
        db.session.commit()
        step_id = step.id
    return {
        "person_id": str(other.id),
        "group_id": str(group.id),
        "session_id": str(session.id),
        "item_id": str(item.id),
        "suggestion_id": str(suggestion.id),
        "board_id": str(board.id),
        "concern_id": str(concern.id),
        "reply_id": str(reply.id),
        "card_id": str(card.id),
        "link_id": str(support_link.id),
        "notice_id": str(notice_id),
        "step_id": str(step_id),
        "token": token,
        "code": code,
        "word_id": str(word_id),
        "slug": "agenda",
    }


class Sweeper:
    """Clients for each role that stay signed in, with their CSRF tokens."""

    def __init__(self, app, make_client):
        self.app = app
        self.make_client = make_client
        self.routes = every_route(app)
        self.field_names = form_field_names()
        self.clients: dict = {}

    def client(self, role):
        if role not in self.clients:
            client = self.make_client(role)
            self.clients[role] = (client, client.csrf_token())
        return self.clients[role]

    def after(self, role, route) -> None:
        if route.endpoint in CHANGES_WHO_IS_SIGNED_IN:
            self.clients.pop(role, None)


@pytest.fixture
def sweeper(app, client_as, world):
    # Rate limits would answer 429 long before the sweep reaches the views it is testing.
    limiter.enabled = False
    try:
        yield Sweeper(app, client_as)
    finally:
        limiter.enabled = True
