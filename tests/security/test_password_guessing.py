"""Guessing a password: spread over many addresses, from one address, or to learn who has one."""

from __future__ import annotations

import pytest

from tests.conftest import CSRF_PATTERN
from tests.factories import create_user
from tests.security.address_helpers import client_at, events, try_password

PAUSED = "So we paused this password for a while."
OTHER_WAYS = "Sign in with your card, a passkey or an email link. Or ask staff for help."
HERE_PAUSED = "So we paused passwords here for a while."
NOT_RIGHT = "The username or password is not right."


def _account_limit(app) -> int:
    return int(app.config["SIGN_IN_PASSWORD_ACCOUNT_LIMIT"].split()[0])


def test_wrong_passwords_from_many_addresses_pause_the_right_one_too(app, member):
    for number in range(_account_limit(app)):
        response = try_password(app, f"198.51.100.{number + 1}", "sam")
        assert response.status_code == 200 and NOT_RIGHT in response.get_data(as_text=True)
    response = try_password(app, "203.0.113.9", "sam", password="a-long-test-password")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert PAUSED in page and OTHER_WAYS in page
    assert "You are signed in" not in page
    assert 'value="sam"' in page  # the username they typed is kept


def test_the_pause_is_logged_once_when_it_starts(app, member):
    for number in range(_account_limit(app) + 3):
        try_password(app, f"198.51.100.{number + 1}", "sam")
    [paused] = events(app, "password_paused")
    assert paused.user_id == member.id
    # Refused tries are not checked, so they are not failed sign-ins either.
    assert len(events(app, "sign_in_failed")) == _account_limit(app)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Someone typed many wrong passwords for Sam Jones."),
        ("cy", "Teipiodd rhywun lawer o gyfrineiriau anghywir ar gyfer Sam Jones."),
    ],
)
def test_staff_see_the_pause_in_the_security_log(app, client_at_staff, member, language, words):
    for number in range(_account_limit(app)):
        try_password(app, f"198.51.100.{number + 1}", "sam")
    page = client_at_staff(language).get("/security-log").get_data(as_text=True)
    assert words in page


@pytest.fixture
def client_at_staff(app):
    def make(language: str):
        person = create_user(role="staff", username=f"staff{language}", language=language)
        client = client_at(app, "192.0.2.50")
        client.sign_in_as(person)
        return client

    return make


def test_a_username_nobody_has_is_paused_the_same_way(app, member):
    """The paused message must not tell a stranger which usernames have an account."""
    answers = {}
    for username in ("sam", "nobody-here"):
        for number in range(_account_limit(app)):
            try_password(app, f"198.51.100.{number + 1}", username)
        response = try_password(app, "203.0.113.9", username)
        page = response.get_data(as_text=True)
        # The page's form token is random: now and then "sam" is in it (once per form).
        for token in set(CSRF_PATTERN.findall(page)):
            page = page.replace(token, "")
        answers[username] = (response.status_code, PAUSED in page, page.count(username))
    assert answers["sam"] == answers["nobody-here"] == (429, True, 1)
    assert [event.user_id for event in events(app, "password_paused")] == [member.id, None]
    # The username typed is never written to the log: people sometimes type a password there.
    assert all(event.detail == "password" for event in events(app, "password_paused"))


def test_the_same_username_in_other_capitals_or_spaces_counts_together(app, member):
    typed = ["SAM", " sam", "Sam ", "sAm", "sam"][: _account_limit(app)]
    for number, username in enumerate(typed):
        try_password(app, f"198.51.100.{number + 1}", username)
    response = try_password(app, "203.0.113.9", "sam", password="a-long-test-password")
    assert response.status_code == 429


def test_fewer_wrong_passwords_than_the_limit_still_let_the_owner_in(app, member):
    for number in range(_account_limit(app) - 1):
        try_password(app, f"198.51.100.{number + 1}", "sam")
    response = try_password(app, "203.0.113.9", "sam", password="a-long-test-password")
    assert response.status_code == 302
    assert not events(app, "password_paused")


def test_a_pause_for_one_account_leaves_others_alone(app, member, co_trainer):
    for number in range(_account_limit(app)):
        try_password(app, f"198.51.100.{number + 1}", "sam")
    response = try_password(app, "203.0.113.9", "alex", password="a-long-test-password")
    assert response.status_code == 302


def test_cross_site_posts_without_the_token_never_count(app, member):
    """Another site cannot pause someone's password through visitors' browsers."""
    stranger = client_at(app, "198.51.100.1")
    for _ in range(_account_limit(app) + 2):
        response = stranger.post("/sign-in", data={"username": "sam", "password": "wrong"})
        assert response.status_code in (200, 400)
    response = try_password(app, "203.0.113.9", "sam", password="a-long-test-password")
    assert response.status_code == 302


def test_wrong_passwords_from_one_address_pause_passwords_there(app, member):
    ceiling = int(app.config["SIGN_IN_PASSWORD_ADDRESS_LIMIT"].split()[0])
    # A different username every time, so no account reaches its own limit.
    for number in range(ceiling):
        assert try_password(app, "198.51.100.7", f"guess{number}").status_code == 200
    response = try_password(app, "198.51.100.7", "sam", password="a-long-test-password")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert HERE_PAUSED in page and OTHER_WAYS in page
    assert [event.detail for event in events(app, "rate_limited")] == ["password"]
    # Somewhere else, the same account signs in as usual.
    response = try_password(app, "203.0.113.9", "sam", password="a-long-test-password")
    assert response.status_code == 302
