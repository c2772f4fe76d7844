"""Sign-in links go out of the request when REDIS_URL is set: a slow mail server never holds a
member at the sign-in page. Without Redis (or when it does not answer) the request sends it."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from portal.accounts.models import SecurityEvent
from portal.extensions import db
from portal.signin import mail_queue
from tests.factories import create_user
from tests.redis_helpers import REDIS_URL, redis_or_skip
from tests.smtp import Inbox, free_port

SLOW_SECONDS = 3


class SlowInbox(Inbox):
    """A mail server that takes its time over every message, as a busy one does."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(SLOW_SECONDS)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp(app, monkeypatch):
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", controller.port)
    yield inbox
    controller.stop()


@pytest.fixture
def queue(app, monkeypatch):
    redis_client = redis_or_skip()
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "RATELIMIT_KEY_PREFIX", "test-email-queue:")
    key = "test-email-queue:" + mail_queue.QUEUE
    redis_client.delete(key)
    yield redis_client, key
    redis_client.delete(key)


def test_with_redis_the_member_is_answered_at_once_and_the_worker_sends_it(
    app, client, queue, slow_smtp
):
    redis_client, key = queue
    create_user(username="ana", email="ana@example.org")
    started = time.monotonic()
    answer = client.post_form("/sign-in/email", {"email": "ana@example.org"})
    took = time.monotonic() - started
    assert answer.status_code == 200
    assert "We are sending it now." in answer.get_data(as_text=True)
    assert took < SLOW_SECONDS  # the mail server was never asked during the request
    assert slow_smtp.messages == []
    assert redis_client.llen(key) == 1
    assert b"@" not in redis_client.lindex(key, 0)  # no address and no link in Redis
    with app.app_context():
        logged = db.session.scalars(sa.select(SecurityEvent.kind)).all()
        assert logged.count("email_link_sent") == 1

    sent = app.test_cli_runner().invoke(args=["mail", "run", "--once"])
    assert sent.exit_code == 0 and "Sign-in links sent: 1" in sent.output
    (message,) = slow_smtp.to("ana@example.org")
    link = re.search(r"http://localhost(/sign-in/email/\S+)", Inbox.body(message)).group(1)
    opened = client.get(link)
    assert opened.status_code == 302 and opened.location.endswith("/sign-in/this-phone")
    assert redis_client.llen(key) == 0
    with app.app_context():
        logged = db.session.scalars(sa.select(SecurityEvent.kind)).all()
        assert logged.count("email_link_sent") == 1  # the worker did not log it twice


def test_an_unknown_address_gets_the_same_answer_and_nothing_is_queued(client, queue):
    redis_client, key = queue
    answer = client.post_form("/sign-in/email", {"email": "nobody@example.org"})
    assert "We are sending it now." in answer.get_data(as_text=True)
    assert redis_client.llen(key) == 0


def test_when_redis_does_not_answer_the_request_sends_it_as_before(
    app, client, monkeypatch, smtp_server
):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    create_user(username="ana", email="ana@example.org")
    answer = client.post_form("/sign-in/email", {"email": "ana@example.org"})
    assert answer.status_code == 200
    assert "we sent it a link" in answer.get_data(as_text=True)
    assert len(smtp_server.to("ana@example.org")) == 1


def test_the_notices_run_sends_links_no_worker_took(app, queue, smtp_server):
    with app.app_context():
        person = create_user(username="ana", email="ana@example.org")
        assert mail_queue.queue_link(person)
    ran = app.test_cli_runner().invoke(args=["notices", "run"])
    assert ran.exit_code == 0 and "Queued sign-in links sent: 1" in ran.output
    assert len(smtp_server.to("ana@example.org")) == 1
