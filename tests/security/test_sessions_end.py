"""A new password ends the person's other sign-ins (issue 12): whoever knew the old one may be
signed in somewhere. Staff changing their own password stay signed in on this computer."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import SecurityEvent
from portal.extensions import db
from tests.security.signin_helpers import open_sign_ins

NEW = {"password": "a-brand-new-long-password"}


def test_a_password_given_by_staff_signs_the_person_out_everywhere(app, client_as, member, staff):
    sams_phone, sams_computer = client_as("member"), app.test_client()
    sams_computer.sign_in_as(member, remember=True)
    assert len(open_sign_ins(app, member.id)) == 2
    jo = client_as("staff")
    assert jo.post_form(f"/people/{member.id}/password", NEW).status_code == 302
    assert open_sign_ins(app, member.id) == []
    assert "You are signed in as" not in sams_phone.get("/").get_data(as_text=True)
    assert "You are signed in as" not in sams_computer.get("/").get_data(as_text=True)
    with app.app_context():
        event = db.session.scalar(
            sa.select(SecurityEvent).where(SecurityEvent.kind == "password_changed")
        )
        assert (event.user_id, event.actor_id) == (member.id, staff.id)
    log = jo.get(f"/security-log?person={member.id}").get_data(as_text=True)
    assert "gave Sam Jones a new password" in log


def test_changing_your_own_password_keeps_only_this_computer(app, client_as, staff):
    here = client_as("staff")
    elsewhere = app.test_client()
    elsewhere.sign_in_as(staff)
    assert here.post_form(f"/people/{staff.id}/password", NEW).status_code == 302
    assert len(open_sign_ins(app, staff.id)) == 1
    assert "You are signed in as" in here.get("/").get_data(as_text=True)
    assert "You are signed in as" not in elsewhere.get("/").get_data(as_text=True)


def test_a_refused_password_ends_nothing(app, client_as, member):
    client_as("member")
    jo = client_as("staff")
    assert jo.post_form(f"/people/{member.id}/password", {"password": "short"}).status_code == 422
    assert len(open_sign_ins(app, member.id)) == 1
