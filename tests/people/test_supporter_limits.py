"""While helping, a supporter gets only what a member may: never what the people running a
session see, never the member's calendar key; and only members can have supporters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.accounts.helping import SupportLink
from portal.accounts.models import Role, User
from portal.extensions import db
from portal.sessions.came import set_came
from portal.sessions.models import CalendarFeed, TrainingSession
from tests import factories
from tests.factories import create_session, create_user, fetch
from tests.people.support_helpers import link, rows, start_helping


@pytest.fixture
def kim(app):
    return create_user("supporter", username="kim", display_name="Kim Evans")


def _came(session_id: int, person) -> None:
    with factories.APP.test_request_context():
        set_came(db.session.get(TrainingSession, session_id), person.id, True, by=person)
        db.session.commit()


def _set_role(person, role: Role) -> None:
    with factories.APP.app_context():
        db.session.get(User, person.id).role = role
        db.session.commit()


def test_a_supporter_helping_a_trainer_sees_nothing_only_trainers_see(
    client_for, member, co_trainer, kim
):
    # The link was made while Alex was a member (now refused); Alex runs sessions since.
    chosen = link(co_trainer, kim, scopes=("see",))
    ended = create_session(starts_in=-timedelta(hours=5), hours=3, trainers=[co_trainer])
    _came(ended.id, member)
    sam = client_for(member)
    sam.post_form(
        f"/sessions/{ended.id}/how-was-it", {"face": "ok", "what_change": "More tea", "named": "y"}
    )
    alex_page = client_for(co_trainer).get(f"/sessions/{ended.id}").get_data(as_text=True)
    assert "More tea" in alex_page and "Sam Jones" in alex_page  # Alex, signed in, runs it
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    page = kim_client.get(f"/sessions/{ended.id}").get_data(as_text=True)
    assert "You are helping" in page
    assert "More tea" not in page and "Sam Jones" not in page
    assert "You run this session" not in page
    # A draft agenda of a session Alex runs is not Kim's to read or print either.
    coming = create_session(trainers=[co_trainer])
    factories.create_agenda_item(coming.id, co_trainer.id, title="Secret draft plan")
    assert "Secret draft plan" not in kim_client.get(f"/sessions/{coming.id}").get_data(
        as_text=True
    )
    assert kim_client.get(f"/agendas/session/{coming.id}/print").status_code in (403, 404)


def test_a_trainer_who_is_a_member_again_does_not_run_their_old_session(
    client_for, member, co_trainer
):
    ended = create_session(starts_in=-timedelta(hours=5), hours=3, trainers=[co_trainer])
    _came(ended.id, member)
    client_for(member).post_form(
        f"/sessions/{ended.id}/how-was-it", {"face": "good", "what_good": "Games"}
    )
    _set_role(co_trainer, Role.MEMBER)
    page = client_for(co_trainer).get(f"/sessions/{ended.id}").get_data(as_text=True)
    assert "Games" not in page and "You run this session" not in page


def test_the_calendar_address_is_hidden_while_helping_and_changes_when_help_stops(
    client_for, member, kim
):
    chosen = link(member, kim, scopes=("see",))
    sam = client_for(member)
    assert "/sessions/calendar/" in sam.get("/sessions/mine").get_data(as_text=True)
    old_token = fetch(CalendarFeed, member.id).token
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    page = kim_client.get("/sessions/mine").get_data(as_text=True)
    assert "You are helping" in page
    assert old_token not in page and "/sessions/calendar/" not in page
    sam.post_form(f"/people/supporters/{chosen.id}/stop")
    assert fetch(CalendarFeed, member.id).token != old_token
    assert sam.get(f"/sessions/calendar/{old_token}.ics").status_code == 404


@pytest.mark.parametrize("who", ["co_trainer", "staff"])
def test_only_members_can_ask_for_a_supporter(client_for, users_by_role, kim, who):
    person = users_by_role[who]
    response = client_for(person).post_form("/people/supporters", {"username": "kim"})
    assert response.status_code == 422
    assert "Only members can have a supporter." in response.get_data(as_text=True)
    assert rows(SupportLink) == []


def test_staff_cannot_ask_a_supporter_for_a_co_trainer(client_for, staff, co_trainer, kim):
    jo = client_for(staff)
    response = jo.post_form(
        f"/people/{co_trainer.id}/supporters", {"supporter": str(kim.id)}, follow_redirects=True
    )
    assert "Only members can have a supporter." in response.get_data(as_text=True)
    assert rows(SupportLink) == []
    # For a member it still works.
    member = create_user("member")
    jo.post_form(f"/people/{member.id}/supporters", {"supporter": str(kim.id)})
    assert [row.member_id for row in rows(SupportLink)] == [member.id]


def test_a_member_who_became_a_trainer_cannot_say_yes_to_an_old_ask(client_for, member, kim):
    asked = link(member, kim, confirmed=False)
    _set_role(member, Role.CO_TRAINER)
    sam = client_for(member)
    response = sam.post_form(
        f"/people/supporters/{asked.id}/yes", {"scopes": ["see"]}, follow_redirects=True
    )
    assert "Only members can have a supporter." in response.get_data(as_text=True)
    assert fetch(SupportLink, asked.id).confirmed_at is None
