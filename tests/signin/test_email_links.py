"""Email sign-in links, sent through a real local SMTP server and followed from the message."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from portal.accounts.models import DeviceSession
from portal.extensions import db
from portal.signin.models import EmailLink
from tests.factories import create_user

LINK = re.compile(r"http://localhost(/sign-in/email/\S+)")


def _ask(client, email):
    return client.post_form("/sign-in/email", {"email": email})


def _link_path(message) -> str:
    return LINK.search(message.get_content()).group(1)


def test_the_link_from_the_email_signs_in(app, client, smtp_server):
    create_user(username="sam", display_name="Sam Jones", email="sam@example.org")
    response = _ask(client, "Sam@Example.org ")
    assert response.status_code == 200
    assert "Look in your email" in response.get_data(as_text=True)
    [message] = smtp_server.messages
    assert message["To"] == "sam@example.org"
    assert "sign in" in message["Subject"]
    response = client.get(_link_path(message))
    assert response.status_code == 302 and response.location.endswith("/sign-in/this-phone")
    client.post_form("/sign-in/this-phone", {"answer": "no"})
    assert "You are signed in as Sam Jones" in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(DeviceSession)).signed_in_with == "email"
        assert db.session.scalar(sa.select(EmailLink)).used_at is not None


def test_only_a_hash_of_the_link_is_kept(app, client, smtp_server):
    create_user(email="sam@example.org")
    _ask(client, "sam@example.org")
    token = _link_path(smtp_server.messages[0]).rsplit("/", 1)[1]
    with app.app_context():
        link = db.session.scalar(sa.select(EmailLink))
        assert token not in link.token_hash


def test_a_link_works_once(app, client_as, smtp_server):
    create_user(email="sam@example.org")
    first = client_as(None)
    _ask(first, "sam@example.org")
    path = _link_path(smtp_server.messages[0])
    first.get(path)
    first.post_form("/sign-in/this-phone", {"answer": "yes"})
    second = client_as(None)
    response = second.get(path)
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)


def test_a_link_stops_working_after_15_minutes(app, client, smtp_server):
    create_user(email="sam@example.org")
    _ask(client, "sam@example.org")
    with app.app_context():
        link = db.session.scalar(sa.select(EmailLink))
        assert link.expires_at - link.created_at == timedelta(minutes=15)
        link.expires_at = link.created_at - timedelta(seconds=1)
        db.session.commit()
    response = client.get(_link_path(smtp_server.messages[0]))
    assert response.status_code == 404


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, smtp_server):
    response = _ask(client, "nobody@example.org")
    assert response.status_code == 200
    assert "If nobody@example.org has an account here, we sent it a link." in (
        response.get_data(as_text=True)
    )
    assert smtp_server.messages == []


def test_a_turned_off_account_gets_no_email(client, smtp_server):
    create_user(email="chris@example.org", active=False)
    _ask(client, "chris@example.org")
    assert smtp_server.messages == []


def test_the_email_is_in_the_persons_language(client, smtp_server):
    create_user(email="ffion@example.org", language="cy", display_name="Ffion Evans")
    _ask(client, "ffion@example.org")
    [message] = smtp_server.messages
    assert "Ffion Evans" in message.get_content()
    assert "Tap this link" not in message.get_content()


def test_asking_for_links_is_rate_limited(app, client, smtp_server, monkeypatch):
    create_user(email="sam@example.org")
    for _ in range(5):
        assert _ask(client, "sam@example.org").status_code == 200
    assert _ask(client, "sam@example.org").status_code == 429
    assert len(smtp_server.messages) == 5


def test_staff_can_give_someone_an_email_address(client_as, member):
    from portal.accounts.models import User
    from tests.factories import fetch

    staff_client = client_as("staff")
    response = staff_client.post_form(
        f"/people/{member.id}",
        {
            "display_name": "Sam Jones",
            "username": "sam",
            "email": "Sam@Example.org",
            "role": "member",
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert fetch(User, member.id).email == "sam@example.org"


def test_when_the_mail_server_is_down_people_are_told(app, client, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", port)
    create_user(email="sam@example.org")
    response = _ask(client, "sam@example.org")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "We could not send the email. Please try again later." in page
    assert 'value="sam@example.org"' in page  # what was typed is kept
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(EmailLink)) == 0
