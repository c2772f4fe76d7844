"""The next person on a shared browser cannot leave words for the last one (issue 12 review).

Kept words go back to a person after they sign in again, ready to send with one tap. So only a
form opened while that person's sign-in still ran may be kept for them: someone who comes to
the browser after they signed out, or after their visit ran out, gets a newer form token and
keeps nothing; and signing out takes the "keep me signed in" cookie with it.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.accounts.models import DeviceSession, Role, User
from portal.extensions import db
from portal.timeutil import utcnow
from tests.factories import create_board, create_user, fetch
from tests.security.signin_helpers import forms_are_too_old, kept_forms

MAKE_ME_STAFF = {"display_name": "Mallory", "username": "mallory", "role": "staff",
                 "language": "en", "email": "mallory@evil.example"}  # fmt: skip


def test_signing_out_takes_the_keep_me_signed_in_cookie_with_it(client, staff):
    client.sign_in_as(staff, remember=True)
    assert client.get_cookie("cg_remember") is not None
    client.post_form("/sign-out")
    assert client.get_cookie("cg_remember") is None


def test_after_staff_sign_out_the_next_person_leaves_nothing_for_them(app, client, staff):
    mallory = create_user(username="mallory", display_name="Mallory")
    client.sign_in_as(staff, remember=True)
    client.post_form("/sign-out")
    response = client.post_form(f"/people/{mallory.id}", MAKE_ME_STAFF)  # Mallory, at the desk
    assert response.status_code in (302, 204)
    assert kept_forms(app) == []
    client.sign_in_as(staff)
    assert client.get("/send-again").location == "/"
    assert fetch(User, mallory.id).role == Role.MEMBER


def test_after_a_visit_ran_out_a_form_opened_later_is_not_kept(app, client, member):
    board = create_board()
    client.sign_in_as(member)
    with app.app_context():
        db.session.execute(
            sa.update(DeviceSession)
            .where(DeviceSession.user_id == member.id)
            .values(expires_at=utcnow() - timedelta(minutes=10))
        )
        db.session.commit()
    late = client.csrf_token()  # the next person opens a page after the visit ran out
    client.post(
        f"/concerns/boards/{board.id}/raise",
        data={"title": "Words that are not Sam's", "step": "1", "csrf_token": late},
    )
    assert kept_forms(app) == []


def test_a_form_open_too_long_counts_only_with_this_browsers_own_token(app, client_as, member):
    jo = client_as("staff")
    someone_else = client_as(None)
    their_token = someone_else.csrf_token()
    own_token = jo.csrf_token()
    with forms_are_too_old(app):
        theirs = jo.post(f"/people/{member.id}", data={**MAKE_ME_STAFF, "csrf_token": their_token})
        own = jo.post(f"/people/{member.id}", data={**MAKE_ME_STAFF, "csrf_token": own_token})
    assert theirs.status_code == 400
    assert "mallory@evil.example" not in theirs.get_data(as_text=True)  # no "Send it again"
    assert "mallory@evil.example" in own.get_data(as_text=True)  # her own words come back
    assert fetch(User, member.id).role == Role.MEMBER
