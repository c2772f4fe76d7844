"""An invitation to co-train is checked again when it is answered: an old one, one from
someone who no longer manages people, or one to a person who is not a member now, closes
with an easy-read message and changes nobody's role."""

from __future__ import annotations

from datetime import timedelta

import pytest

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.learning.models import CoTrainerInvite
from tests import factories
from tests.factories import fetch

REFUSED = "This invitation cannot be used now. Ask staff if you want to co-train."


def _invite(person, by, age=timedelta(0)) -> int:
    from portal.timeutil import utcnow

    with factories.APP.app_context():
        invite = CoTrainerInvite(user_id=person.id, invited_by_id=by.id, created_at=utcnow() - age)
        db.session.add(invite)
        db.session.commit()
        return invite.id


def _set(person, **values) -> None:
    with factories.APP.app_context():
        row = db.session.get(User, person.id)
        for name, value in values.items():
            setattr(row, name, value)
        db.session.commit()


def _answer_yes(client_as):
    return client_as("member").post_form(
        "/learning/invitation", {"answer": "yes"}, follow_redirects=True
    )


@pytest.mark.parametrize(
    "change",
    [
        "too_old",
        "inviter_not_staff",
        "inviter_closed",
        "person_is_supporter",
    ],
)
def test_a_yes_that_no_longer_fits_is_refused_and_closes_it(client_as, member, staff, change):
    invite_id = _invite(member, staff, timedelta(days=61) if change == "too_old" else timedelta(0))
    if change == "inviter_not_staff":
        _set(staff, role=Role.CO_TRAINER)
    if change == "inviter_closed":
        _set(staff, active=False)
    client = client_as("member")  # signed in before the role change, so still signed in after
    if change == "person_is_supporter":
        _set(member, role=Role.SUPPORTER)
    response = client.post_form("/learning/invitation", {"answer": "yes"}, follow_redirects=True)
    assert REFUSED in response.get_data(as_text=True)
    assert fetch(CoTrainerInvite, invite_id).answer == "closed"
    expected = Role.SUPPORTER if change == "person_is_supporter" else Role.MEMBER
    assert fetch(User, member.id).role == expected


def test_a_fresh_invitation_from_staff_still_works(client_as, member, staff):
    invite_id = _invite(member, staff, timedelta(days=59))
    response = _answer_yes(client_as)
    assert "Welcome, co-trainer!" in response.get_data(as_text=True)
    assert fetch(CoTrainerInvite, invite_id).answer == "accepted"
    assert fetch(User, member.id).role == Role.CO_TRAINER


def test_saying_not_now_to_an_old_invitation_is_just_not_now(client_as, member, staff):
    invite_id = _invite(member, staff, timedelta(days=90))
    client_as("member").post_form("/learning/invitation", {"answer": "not_now"})
    assert fetch(CoTrainerInvite, invite_id).answer == "not_now"
