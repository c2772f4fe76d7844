"""The security log: who, what and when, readable by staff, never holding a secret."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import SecurityEvent
from portal.extensions import db
from tests.factories import PASSWORD, create_card


def _all_events(app):
    with app.app_context():
        return [
            (e.kind, e.user_id, e.actor_id, e.detail, e.address)
            for e in db.session.scalars(sa.select(SecurityEvent).order_by(SecurityEvent.id))
        ]


def test_password_sign_ins_and_failures_are_logged(app, client, member):
    client.post_form("/sign-in", {"username": "sam", "password": "not-the-password"})
    client.sign_in_as(member)
    kinds = [(kind, user_id, detail) for kind, user_id, _, detail, _ in _all_events(app)]
    assert kinds == [
        ("sign_in_failed", member.id, "password"),
        ("signed_in", member.id, "password"),
    ]
    assert all(event[4] == "127.0.0.1" for event in _all_events(app))


def test_the_log_never_holds_a_secret(app, client, member, staff):
    _card, code = create_card(member, staff)
    client.post_form("/sign-in/code", {"code": "AAAAAAAA"})
    client.get(f"/card/{code}")
    client.post_form("/sign-in/this-phone", {"answer": "yes"})
    text = repr(_all_events(app))
    assert code not in text and "AAAAAAAA" not in text and PASSWORD not in text
    kinds = [event[0] for event in _all_events(app)]
    assert kinds == ["card_made", "sign_in_failed", "signed_in"]


def test_staff_read_the_log_for_everyone_or_one_person(client_as, member, staff, co_trainer):
    _card, _ = create_card(member, staff)
    create_card(co_trainer, staff)
    staff_client = client_as("staff")
    page = staff_client.get("/security-log").get_data(as_text=True)
    assert "Jo Patel made a sign-in card for Sam Jones." in page
    assert "Jo Patel made a sign-in card for Alex Rivera." in page
    assert "Jo Patel signed in." in page
    page = staff_client.get(f"/security-log?person={member.id}").get_data(as_text=True)
    assert "for Sam Jones" in page and "for Alex Rivera" not in page
    assert "Only for Sam Jones." in page


def test_members_cannot_read_the_log(client_as):
    assert client_as("member").get("/security-log").status_code == 403


def test_every_kind_of_event_is_said_in_words(app, client_as, member, staff):
    from portal.accounts.security_log import KINDS, record

    with app.test_request_context():
        for kind in KINDS:
            record(kind, user_id=member.id, actor_id=staff.id)
        db.session.commit()
    page = client_as("staff").get("/security-log").get_data(as_text=True)
    for kind in KINDS:
        assert f"<strong>{kind}</strong>" not in page
    assert "Sam Jones added a passkey." in page


def test_wrong_codes_for_a_card_show_in_its_owners_log(app, client, client_as, member, staff):
    _, code = create_card(member, staff)
    wrong = code[:3] + ("A" if code[3] != "A" else "C") + code[4:]
    client.post_form("/sign-in/code", {"code": wrong})
    page = client_as("staff").get(f"/security-log?person={member.id}").get_data(as_text=True)
    assert "Someone tried to sign in as Sam Jones. It did not work." in page
