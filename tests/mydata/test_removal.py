"""Removing an account: asked by the person, done by staff, no name left, every count kept."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.accounts.models import SecurityEvent, User
from portal.concerns.models import Concern, Reply
from portal.extensions import db
from portal.sessions.models import Booking, BookingStatus
from tests.conftest import PortalClient
from tests.factories import (
    book,
    create_board,
    create_concern,
    create_reply,
    create_session,
    create_suggestion,
    create_user,
    fetch,
)

NAME, USERNAME, EMAIL = "Samwise Uniquename", "samwise_uq", "samwise@example.org"
TRACES = ("Samwise", "Uniquename", USERNAME, EMAIL)


def _client(app, person=None) -> PortalClient:
    app.test_client_class = PortalClient
    client = app.test_client()
    if person is not None:
        client.sign_in_as(person)
    return client


def _count(app, query) -> int:
    with app.app_context():
        return db.session.scalar(query)


@pytest.fixture
def world(app, staff):
    sam = create_user("member", username=USERNAME, display_name=NAME, email=EMAIL)
    priya = create_user("member", username="priya", display_name="Priya Shah")
    board = create_board()
    lonely = create_concern(board.id, sam.id, "Nobody answered this one")
    answered = create_concern(board.id, sam.id, "Priya answered this one")
    create_reply(answered.id, priya.id, "Me too")
    priyas = create_concern(board.id, priya.id, "The lights are broken")
    followed = create_reply(priyas.id, sam.id, "I saw it too")
    create_reply(priyas.id, priya.id, "Thank you")
    last_word = create_reply(priyas.id, sam.id, "Nobody answered my last reply")
    past = create_session(title="Last week", starts_in=timedelta(days=-7), trainers=[staff])
    coming = create_session(title="Next week", places=1)
    idea = create_suggestion(past.id, priya.id, "Talk about buses")
    book(coming.id, sam.id, help_needs=["quiet_space"], help_other="I use a wheelchair")
    book(coming.id, priya.id)  # waiting: the one place is Sam's
    with app.app_context():
        from portal.agendas.backing import set_backing
        from portal.agendas.models import AgendaSuggestion
        from portal.concerns.services import set_support
        from portal.notices.models import Notice
        from portal.sessions.came import Came

        set_support(priyas.id, sam.id, True)
        db.session.add(Came(session_id=past.id, user_id=sam.id))
        set_backing(db.session.get(AgendaSuggestion, idea.id), db.session.get(User, sam.id), True)
        db.session.add(
            Notice(user_id=priya.id, kind="reply", params={"name": NAME, "title": "Lights"})
        )
        db.session.commit()
    return locals()


def _asks_and_staff_remove(app, world) -> None:
    sam, staff = world["sam"], world["staff"]
    member = _client(app, sam)
    explained = member.get("/me/remove-account").get_data(as_text=True)
    assert "What stays" in explained and "A member" in explained
    assert member.post_form("/me/remove-account").status_code == 302
    assert "You asked on" in member.get("/me/remove-account").get_data(as_text=True)
    staff_client = _client(app, staff)
    news = staff_client.get("/whats-new").get_data(as_text=True)
    assert f"{NAME} asked us to remove their account." in news
    assert NAME in staff_client.get("/people/removals").get_data(as_text=True)
    assert "cannot be undone" in staff_client.get(f"/people/removals/{sam.id}").get_data(
        as_text=True
    )
    assert staff_client.post_form(f"/people/removals/{sam.id}").status_code == 302
    # Signed out everywhere: the next page asks to sign in.
    assert "/sign-in" in member.get("/me/my-data").location


def _every_text_in_the_database(app) -> str:
    texts = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(sa.select(table)):
                texts.extend(json.dumps(value, default=str) for value in row)
    return "\n".join(texts)


def test_removal_leaves_no_name_behind(app, world):
    assert NAME in _every_text_in_the_database(app)  # the check can see it before
    _asks_and_staff_remove(app, world)
    everything = _every_text_in_the_database(app)
    for trace in TRACES:
        assert trace not in everything, trace
    assert "I use a wheelchair" not in everything  # help needs are health: they go


def test_removal_keeps_every_count_others_rely_on(app, world):
    priyas, idea, past = world["priyas"], world["idea"], world["past"]
    from portal.agendas.backing import IdeaBacking
    from portal.sessions.came import Came

    before = (
        fetch(Concern, priyas.id).support_count,
        _count(app, sa.select(sa.func.count()).select_from(Came).where(Came.session_id == past.id)),
        _count(app, sa.select(sa.func.count()).where(IdeaBacking.suggestion_id == idea.id)),
    )
    _asks_and_staff_remove(app, world)
    after = (
        fetch(Concern, priyas.id).support_count,
        _count(app, sa.select(sa.func.count()).select_from(Came).where(Came.session_id == past.id)),
        _count(app, sa.select(sa.func.count()).where(IdeaBacking.suggestion_id == idea.id)),
    )
    assert after == before == (2, 1, 1)
    with app.app_context():
        from portal.concerns.models import Support

        supports = db.session.scalar(
            sa.select(sa.func.count()).where(Support.concern_id == priyas.id)
        )
        assert supports == 2  # the rows themselves, not only the stored count


def test_words_stay_as_a_member_where_others_answered_and_go_where_nobody_did(app, world):
    _asks_and_staff_remove(app, world)
    assert fetch(Concern, world["lonely"].id) is None
    assert fetch(Reply, world["last_word"].id) is None
    kept = fetch(Concern, world["answered"].id)
    assert kept is not None and fetch(Reply, world["followed"].id) is not None
    priya = _client(app, world["priya"])
    page = priya.get(f"/concerns/{kept.id}").get_data(as_text=True)
    assert "Priya answered this one" in page and "A member" in page


def test_the_place_goes_to_the_next_person_and_the_security_log_keeps_it(app, world):
    sam, priya, coming = world["sam"], world["priya"], world["coming"]
    _asks_and_staff_remove(app, world)
    with app.app_context():
        status = db.session.scalar(
            sa.select(Booking.status).where(
                Booking.session_id == coming.id, Booking.user_id == priya.id
            )
        )
        assert status == BookingStatus.GOING
        kinds = db.session.scalars(
            sa.select(SecurityEvent.kind).where(SecurityEvent.user_id == sam.id)
        ).all()
        assert {"signed_in", "removal_asked", "account_removed"} <= set(kinds)
        person = db.session.get(User, sam.id)
        assert not person.active and person.removed_at is not None
        assert person.password_hash is None and person.email is None


def test_asking_can_be_taken_back_and_staff_remove_only_those_who_ask(app, world, staff):
    sam = world["sam"]
    staff_client = _client(app, staff)
    assert staff_client.post_form(f"/people/removals/{sam.id}").status_code == 404
    member = _client(app, sam)
    member.post_form("/me/remove-account")
    member.post_form("/me/remove-account/take-back")
    assert fetch(User, sam.id).removal_asked_at is None
    assert staff_client.get(f"/people/removals/{sam.id}").status_code == 404
    assert NAME not in staff_client.get("/people/removals").get_data(as_text=True)


def test_staff_do_not_remove_themselves_here(app, staff):
    client = _client(app, staff)
    assert "Ask another staff member" in client.get("/me/remove-account").get_data(as_text=True)
    client.post_form("/me/remove-account")
    assert fetch(User, staff.id).removal_asked_at is None


def test_a_short_name_is_taken_out_of_news_only_as_a_whole_word():
    from portal.mydata.removal import _without

    said = {"name": "Al", "words": ["Al replied", "Always on time"]}
    assert _without(said, {"Al"}) == {
        "name": "A member",
        "words": ["A member replied", "Always on time"],
    }


def test_a_removed_account_cannot_be_turned_on_named_or_given_a_way_in_again(app, world):
    _asks_and_staff_remove(app, world)
    sam, staff = world["sam"], world["staff"]
    staff_client = _client(app, staff)
    for url, form in [
        (f"/people/{sam.id}/active", {"active": "1"}),
        (f"/people/{sam.id}", {"display_name": "Someone", "username": "someone"}),
        (f"/people/{sam.id}/password", {"password": "a-long-new-password-1"}),
    ]:
        assert staff_client.post_form(url, data=form).status_code == 404, url
    assert staff_client.get(f"/people/{sam.id}/cards").status_code == 404
    person = fetch(User, sam.id)
    assert not person.active and person.username == f"removed-{sam.id}"
    assert person.password_hash is None
    assert "A member" not in staff_client.get("/people").get_data(as_text=True)
