"""A day centre: many people sign in from one internet address. Signing in right never counts."""

from __future__ import annotations

from portal.accounts.models import User
from portal.extensions import db
from portal.signin import email_links
from tests.factories import create_card, create_user
from tests.security.address_helpers import client_at, sign_in_and_out, try_password
from tests.signin.soft_authenticator import SoftAuthenticator
from tests.signin.test_passkeys import _add, _sign_in

CENTRE = "192.0.2.10"


def test_sixty_password_sign_ins_from_one_address_all_work(app):
    people = [create_user(username=f"member{number}") for number in range(6)]
    centre = client_at(app, CENTRE)
    statuses = [sign_in_and_out(centre, people[turn % 6].username) for turn in range(60)]
    assert statuses == [302] * 60


def test_a_few_wrong_passwords_at_the_centre_do_not_stop_the_others(app):
    people = [create_user(username=f"member{number}") for number in range(6)]
    centre = client_at(app, CENTRE)
    for turn in range(60):
        if turn % 10 == 0:
            assert try_password(app, CENTRE, people[turn % 6].username).status_code == 200
        assert sign_in_and_out(centre, people[turn % 6].username) == 302


def test_sixty_card_scans_from_one_address_all_work(app, member, staff):
    _, code = create_card(member, staff)
    centre = client_at(app, CENTRE)
    for _ in range(60):
        scan = centre.get(f"/card/{code}")
        assert scan.status_code == 302 and scan.location.endswith("/sign-in/this-phone")
        assert centre.post_form("/sign-in/this-phone", {"answer": "no"}).status_code == 302
        centre.post_form("/sign-out")


def test_opening_a_good_email_link_often_never_counts(app, member):
    limit = int(app.config["SIGN_IN_RATE_LIMIT"].split(";")[-1].split()[0])
    with app.test_request_context():
        link = email_links.make_link(db.session.get(User, member.id))
        db.session.commit()
    path = link.split("localhost", 1)[-1]
    centre = client_at(app, CENTRE)
    statuses = {centre.get(path).status_code for _ in range(limit + 5)}
    assert statuses == {302}


def test_dead_email_links_still_hit_the_limit(app):
    limit = int(app.config["SIGN_IN_RATE_LIMIT"].split()[0])
    guesser = client_at(app, "198.51.100.1")
    statuses = [
        guesser.get(f"/sign-in/email/guess{number}").status_code for number in range(limit + 1)
    ]
    assert statuses == [404] * limit + [429]


def test_passkey_sign_ins_from_one_address_never_count(app, client_as, member):
    phone = SoftAuthenticator()
    _add(client_as("member"), phone)
    per_minute = int(app.config["SIGN_IN_RATE_LIMIT"].split()[0])
    centre = client_at(app, CENTRE)
    for _ in range(per_minute + 5):
        assert _sign_in(centre, phone).get_json()["ok"] is True
        centre.post_form("/sign-out")
