"""A member staff stopped from posting cannot send ideas for an agenda either.

The same rule as replies and concerns: the server refuses the idea and stores nothing, the page
says why in easy read and gives back what they typed, and no form is offered.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.agendas.models import Agenda, AgendaSuggestion
from portal.extensions import db
from tests import factories
from tests.factories import create_board, create_concern, create_session

STOPPED = "Staff stopped you posting for now. Why: You wrote unkind things."
NOTE = (
    f"{STOPPED} You cannot send ideas for now. "
    "You can still read everything. You can talk to staff about it."
)
IDEA_FORM = "Send my idea"
PICK_FORM = "Suggest this concern"


@pytest.fixture
def training(co_trainer):
    return create_session(title="Speaking up", trainers=[co_trainer])


@pytest.fixture
def popular_concern(users_by_role):
    board = create_board()
    return create_concern(board.id, users_by_role["staff"].id, "The bus is often late")


def _url(training) -> str:
    return f"/agendas/session/{training.id}/suggest"


def _stop_posting(client_as, person) -> None:
    response = client_as("staff").post_form(
        f"/moderation/people/{person.id}/posting", {"reason": "You wrote unkind things."}
    )
    assert response.status_code == 302


def _allow_posting(client_as, person) -> None:
    response = client_as("staff").post_form(
        f"/moderation/people/{person.id}/posting", {"allow": "1"}
    )
    assert response.status_code == 302


def _ideas(training) -> list[str]:
    """The ideas stored for the session, read fresh from the database."""
    with factories.APP.app_context():
        query = (
            sa.select(AgendaSuggestion.title)
            .join(Agenda, Agenda.id == AgendaSuggestion.agenda_id)
            .where(Agenda.session_id == training.id)
        )
        return list(db.session.scalars(query))


def test_a_stopped_member_is_not_offered_the_idea_forms(
    client_as, users_by_role, training, popular_concern
):
    member = client_as("member")
    page = member.get(_url(training)).get_data(as_text=True)
    assert IDEA_FORM in page and PICK_FORM in page and STOPPED not in page
    _stop_posting(client_as, users_by_role["member"])
    response = member.get(_url(training))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert NOTE in page
    assert IDEA_FORM not in page and PICK_FORM not in page
    assert 'name="title"' not in page and 'name="pick"' not in page


def test_an_idea_sent_while_stopped_is_refused_and_comes_back(client_as, users_by_role, training):
    """An old tab still has the form: nothing is stored; the words come back with why."""
    member = client_as("member")
    _stop_posting(client_as, users_by_role["member"])
    response = member.post_form(
        _url(training), {"title": "Buses to the centre", "details": "The 23 bus stopped."}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "<html" in page and NOTE in page
    assert "What you wrote" in page
    assert "Buses to the centre" in page and "The 23 bus stopped." in page
    assert IDEA_FORM not in page
    assert _ideas(training) == []


def test_a_concern_picked_while_stopped_is_refused(
    client_as, users_by_role, training, popular_concern
):
    member = client_as("member")
    _stop_posting(client_as, users_by_role["member"])
    response = member.post_form(_url(training), {"pick": "1", "concern": str(popular_concern.id)})
    assert response.status_code == 403
    assert NOTE in response.get_data(as_text=True)
    assert _ideas(training) == []


def test_a_member_allowed_to_post_can_send_ideas(client_as, users_by_role, training):
    member = client_as("member")
    _stop_posting(client_as, users_by_role["member"])
    assert member.post_form(_url(training), {"title": "Football"}).status_code == 403
    _allow_posting(client_as, users_by_role["member"])
    response = member.post_form(_url(training), {"title": "Football"})
    assert response.status_code == 302
    assert _ideas(training) == ["Football"]
    page = member.get(_url(training)).get_data(as_text=True)
    assert IDEA_FORM in page and STOPPED not in page


def test_stopping_one_member_leaves_others_free_to_send_ideas(client_as, users_by_role, training):
    _stop_posting(client_as, users_by_role["member"])
    other = factories.create_user(role="member", username="kim", display_name="Kim Lee")
    client = client_as(None)
    client.sign_in_as(other)
    response = client.post_form(_url(training), {"title": "Music"})
    assert response.status_code == 302
    assert _ideas(training) == ["Music"]


def test_the_session_page_offers_ideas_only_to_members_who_may_post(client_as, training, member):
    offer = "Suggest something to talk about"
    sam = client_as("member")
    assert offer in sam.get(f"/sessions/{training.id}").get_data(as_text=True)
    _stop_posting(client_as, member)
    assert offer not in sam.get(f"/sessions/{training.id}").get_data(as_text=True)
