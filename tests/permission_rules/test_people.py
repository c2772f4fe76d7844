"""Per-object rules about people: whose posting staff can stop, and whose role staff can change.

Staff cannot stop another moderator posting (they could lift it on themselves), and cannot
take away their own power to look after people (nobody would be left to give it back).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role, Suspension, User
from portal.extensions import db
from tests import factories
from tests.factories import create_board, create_concern, create_user, fetch

# Whose posting staff can stop, by the role of the person who wrote.
CAN_BE_STOPPED = {"member": True, "co_trainer": True, "staff": False}


@pytest.mark.parametrize("role", CAN_BE_STOPPED)
def test_staff_stop_anyone_posting_except_other_moderators(client_for, people, role):
    person = create_user(role, display_name="Robin Price")
    board = create_board("Getting about", check_first=True)
    create_concern(board.id, person.id, "Waiting for a look")
    staff = client_for(people["staff"])
    stoppable = CAN_BE_STOPPED[role]
    link = f'href="/moderation/people/{person.id}/posting"'

    assert (link in staff.get("/moderation").get_data(as_text=True)) is stoppable
    person_page = staff.get(f"/people/{person.id}").get_data(as_text=True)
    assert ("Posting on the concern boards" in person_page) is stoppable
    assert (link in person_page) is stoppable

    assert staff.get(f"/moderation/people/{person.id}/posting").status_code == (
        200 if stoppable else 404
    )
    stopped = staff.post_form(f"/moderation/people/{person.id}/posting", {"reason": "Rude"})
    assert stopped.status_code == (302 if stoppable else 404)
    with factories.APP.app_context():
        suspended = db.session.scalar(sa.select(Suspension).where(Suspension.user_id == person.id))
        assert (suspended is not None) is stoppable


def _details(person: User, role: str) -> dict:
    return {
        "display_name": person.display_name,
        "username": person.username,
        "role": role,
        "language": "en",
    }


@pytest.mark.parametrize("role", ["member", "co_trainer"])
def test_staff_cannot_take_away_their_own_power_to_look_after_people(client_for, people, role):
    staff = people["staff"]
    response = client_for(staff).post_form(f"/people/{staff.id}", _details(staff, role))
    assert response.status_code == 200
    assert "You cannot take away your own staff role." in response.get_data(as_text=True)
    assert fetch(User, staff.id).role == Role.STAFF


def test_staff_can_change_another_staff_members_role(client_for, people):
    colleague = create_user("staff", display_name="Chris Lee")
    response = client_for(people["staff"]).post_form(
        f"/people/{colleague.id}", _details(colleague, "co_trainer")
    )
    assert response.status_code == 302
    assert fetch(User, colleague.id).role == Role.CO_TRAINER
