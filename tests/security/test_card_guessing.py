"""Guessing card codes: a stranger must never lock a member's card, and mass guessing stops."""

from __future__ import annotations

import pytest

from portal.signin.limits import network_of
from tests.factories import create_card
from tests.security.address_helpers import client_at, events

ASK_STAFF = "Please ask staff for help"
NOT_RIGHT = "This code does not work. Check it and try again."


def _wrong_codes_like(code: str, count: int) -> list[str]:
    """Codes that start with the same letters as `code` but are not it."""
    letters = "ACEFGHJKMNPRTWXY34679"
    wrong = []
    for first in letters:
        for second in letters:
            candidate = code[:3] + first + second + code[5:]
            if candidate != code:
                wrong.append(candidate)
    return wrong[:count]


def _type_code(app, address: str, code: str):
    return client_at(app, address).post_form("/sign-in/code", {"code": code})


def test_wrong_codes_with_a_members_card_letters_never_lock_their_card(app, member, staff):
    _, code = create_card(member, staff)
    for number, wrong in enumerate(_wrong_codes_like(code, 50)):
        response = _type_code(app, f"198.51.100.{number % 5 + 1}", wrong)
        assert response.status_code == 200 and NOT_RIGHT in response.get_data(as_text=True)
    scan = client_at(app, "203.0.113.9").get(f"/card/{code}")
    assert scan.status_code == 302 and scan.location.endswith("/sign-in/this-phone")


def test_wrong_codes_from_one_address_slow_only_that_address(app, member, staff):
    _, code = create_card(member, staff)
    limit = int(app.config["SIGN_IN_CODE_ADDRESS_LIMIT"].split()[0])
    for wrong in _wrong_codes_like(code, limit):
        assert _type_code(app, "198.51.100.1", wrong).status_code == 200
    response = _type_code(app, "198.51.100.1", code)
    assert response.status_code == 429 and ASK_STAFF in response.get_data(as_text=True)
    assert _type_code(app, "203.0.113.9", code).status_code == 302
    # One line in the log when the address is stopped, not one for every refused try.
    _type_code(app, "198.51.100.1", code)
    assert [event.detail for event in events(app, "rate_limited")] == ["card code"]


def test_the_global_ceiling_stops_guessing_from_many_addresses(app, member, staff, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_CODE_GLOBAL_LIMIT", "10 per hour")
    _, code = create_card(member, staff)
    wrong = iter(_wrong_codes_like(code, 40))
    guessers = [f"198.51.100.{number}" for number in range(1, 11)]
    for address in guessers:
        assert _type_code(app, address, next(wrong)).status_code == 200
    # Each address is far below its own limit, but together they reached the ceiling.
    for address in guessers:
        response = _type_code(app, address, next(wrong))
        assert response.status_code == 429 and ASK_STAFF in response.get_data(as_text=True)
    # A new address gets one try, then waits too: one guess an hour is too few to find a code.
    assert _type_code(app, "198.51.100.99", next(wrong)).status_code == 200
    assert _type_code(app, "198.51.100.99", next(wrong)).status_code == 429
    assert len(events(app, "sign_in_failed")) == 11
    assert len(events(app, "card_codes_slowed")) == 1


def test_a_right_code_works_while_the_global_ceiling_holds(app, member, staff, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_CODE_GLOBAL_LIMIT", "10 per hour")
    _, code = create_card(member, staff)
    for number, wrong in enumerate(_wrong_codes_like(code, 10)):
        _type_code(app, f"198.51.100.{number + 1}", wrong)
    scan = client_at(app, "203.0.113.9").get(f"/card/{code}")
    assert scan.status_code == 302 and scan.location.endswith("/sign-in/this-phone")


def test_guessing_from_many_addresses_of_one_ipv6_network_counts_as_one(app, member, staff):
    """A home or server gets a whole /64 of IPv6 addresses: it must not get endless fresh ones."""
    _, code = create_card(member, staff)
    limit = int(app.config["SIGN_IN_CODE_ADDRESS_LIMIT"].split()[0])
    for number, wrong in enumerate(_wrong_codes_like(code, limit)):
        assert _type_code(app, f"2001:db8:1:2::{number + 1:x}", wrong).status_code == 200
    response = _type_code(app, "2001:db8:1:2:ffff:ffff:ffff:ffff", code)
    assert response.status_code == 429
    assert _type_code(app, "2001:db8:1:3::1", code).status_code == 302


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        (None, "unknown"),
    ],
)
def test_addresses_are_counted_by_network(address, counted_as):
    assert network_of(address) == counted_as
