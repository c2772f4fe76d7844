"""Every way of signing in ends in one place: a fresh session, the log, the page asked for, and
the words a person was typing when their last sign-in ended (issue 12)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal.accounts.models import SecurityEvent
from portal.extensions import db
from tests.factories import create_board, create_card
from tests.security.signin_helpers import end_sign_ins, kept_forms

WORDS = "The lift at the station is broken again"
LINK = re.compile(r"http://localhost(/sign-in/email/\S+)")


def _type_until_the_sign_in_ends(app, client, member):
    """Sam starts a concern; his sign-in ends (on another phone) before he presses Next."""
    board = create_board()
    client.sign_in_as(member)
    csrf = client.csrf_token()
    end_sign_ins(app, member.id)
    response = client.post(
        f"/concerns/boards/{board.id}/raise",
        data={"title": WORDS, "step": "1", "csrf_token": csrf},
    )
    assert response.location == "/sign-in?next=/send-again"
    return board


def _with_password(client, member, staff, smtp_server):
    return client.post_form(
        "/sign-in?next=/send-again",
        {"username": member.username, "password": "a-long-test-password"},
    )


def _with_card(client, member, staff, smtp_server):
    _card, code = create_card(member, staff)
    assert client.get(f"/card/{code}").location == "/sign-in/this-phone"
    return client.post_form("/sign-in/this-phone", {"answer": "no"})


def _with_email_link(client, member, staff, smtp_server):
    from tests.factories import APP

    with APP.app_context():
        from portal.accounts.models import User

        db.session.get(User, member.id).email = "sam@example.org"
        db.session.commit()
    client.post_form("/sign-in/email", {"email": "sam@example.org"})
    [message] = smtp_server.messages
    client.get(LINK.search(message.get_content()).group(1))
    return client.post_form("/sign-in/this-phone", {"answer": "yes"})


@pytest.mark.parametrize("sign_in", [_with_password, _with_card, _with_email_link])
def test_every_way_of_signing_in_gives_back_the_words_typed_when_the_visit_ended(
    app, client, member, staff, smtp_server, sign_in
):
    board = _type_until_the_sign_in_ends(app, client, member)
    [kept] = kept_forms(app)
    assert kept.user_id == member.id and kept.device_session_id is not None
    response = sign_in(client, member, staff, smtp_server)
    assert response.location == "/send-again"
    page = client.get("/send-again").get_data(as_text=True)
    assert "We kept what you typed" in page
    assert WORDS in page
    assert f'action="/concerns/boards/{board.id}/raise"' in page
    with app.app_context():
        kinds = db.session.scalars(
            sa.select(SecurityEvent.kind).where(SecurityEvent.user_id == member.id)
        ).all()
    assert kinds.count("signed_in") == 2  # the first sign-in and this one, through one function


def test_a_card_sign_in_goes_to_the_page_asked_for(client, member, staff):
    _card, code = create_card(member, staff)
    assert client.get("/my-sign-in").location == "/sign-in?next=%2Fmy-sign-in"
    client.get("/sign-in?next=/my-sign-in")  # the sign-in page, where the card link is
    client.get(f"/card/{code}")
    response = client.post_form("/sign-in/this-phone", {"answer": "no"})
    assert response.location == "/my-sign-in"


def test_a_passkey_sign_in_gives_back_the_words_too(app, client, member):
    from tests.signin.soft_authenticator import SoftAuthenticator
    from tests.signin.test_passkeys import _add, _sign_in

    phone = SoftAuthenticator()
    _type_until_the_sign_in_ends(app, client, member)
    other = app.test_client()  # Sam's own phone, where he adds the passkey
    other.sign_in_as(member)
    _add(other, phone)
    response = _sign_in(client, phone)
    assert response.get_json() == {"ok": True, "redirect": "/send-again"}
    assert WORDS in client.get("/send-again").get_data(as_text=True)


@pytest.mark.parametrize(
    "asked",
    [
        "https://evil.example/",
        "//evil.example/",
        "/x%0d%0aSet-Cookie:%20a=b",
        "/%00",
        "/" + "a" * 400,
    ],
    ids=["another site", "no scheme", "newline", "NUL", "too long"],
)
def test_a_page_asked_for_that_is_not_a_plain_page_here_goes_home(client, member, staff, asked):
    """By card (the page kept in the session) and by password (the page in the address)."""
    _card, code = create_card(member, staff)
    client.get(f"/sign-in?next={asked}")
    client.get(f"/card/{code}")
    assert client.post_form("/sign-in/this-phone", {"answer": "no"}).location == "/"
    client.post_form("/sign-out")
    response = client.post_form(
        f"/sign-in?next={asked}", {"username": "sam", "password": "a-long-test-password"}
    )
    assert response.location == "/"


def test_a_card_someone_else_sent_this_browser_to_is_refused_with_this_is_not_me(
    app, client, member, staff
):
    """A page elsewhere can send a browser to another person's card link ("login CSRF"): the
    question names the person, and "This is not me" signs nobody in and forgets the card."""
    from tests.factories import create_card

    _, code = create_card(member, staff)
    page = client.get(f"/card/{code}", follow_redirects=True).get_data(as_text=True)
    assert "Hello, Sam Jones" in page and "This is not me" in page
    response = client.post_form("/sign-in/this-phone", {"answer": "not_me"})
    assert response.location == "/sign-in"
    home = client.get("/sign-in").get_data(as_text=True)
    assert "We did not sign you in." in home
    assert "You are signed in as" not in client.get("/").get_data(as_text=True)
    again = client.post_form("/sign-in/this-phone", {"answer": "yes"})
    assert again.location == "/sign-in"  # the card is not waiting here any more
    assert "You are signed in as" not in client.get("/").get_data(as_text=True)
