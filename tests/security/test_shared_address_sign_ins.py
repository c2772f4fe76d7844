"""A day centre: many people sign in from one internet address. Signing in right never counts."""

from __future__ import annotations

from tests.factories import create_card, create_user
from tests.security.sign_in_helpers import client_at, sign_in_and_out, try_password

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
