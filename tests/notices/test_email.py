"""Emails about notices, through a real local SMTP server, run by `flask notices run`."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from portal.accounts.models import NoticeEmail, User
from portal.extensions import db
from portal.notices.models import Notice
from portal.notices.services import notify, notify_once
from tests.factories import create_user, fetch
from tests.mail_server import free_port

EVENING = datetime(2026, 11, 28, 18, 0)  # after the daily summary hour, London time
MORNING = datetime(2026, 11, 28, 9, 0)


def _person(app, choice: NoticeEmail, email="rhys@example.org", language="en"):
    user = create_user(username=email.split("@")[0], language=language)
    with app.app_context():
        row = db.session.get(User, user.id)
        row.email = email
        row.notice_email = choice
        db.session.commit()
    return user


def _notify(app, user_id, count=1, **extra):
    with app.app_context():
        for _ in range(count):
            notify(user_id, "account_welcome", link="/help", **extra)
        db.session.commit()


def _run(app, now: datetime) -> str:
    result = app.test_cli_runner().invoke(args=["notices", "run", "--now", now.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def test_each_notice_by_email_once(app, smtp_server):
    rhys = _person(app, NoticeEmail.EACH)
    _notify(app, rhys.id)
    output = _run(app, MORNING)
    assert "Emails sent: 1" in output
    (message,) = smtp_server.to("rhys@example.org")
    body = smtp_server.body(message)
    assert message["Subject"] == "News from the portal"
    assert "Welcome to the portal. Staff made an account for you." in body
    own = app.config["PORTAL_URL"]  # links in emails start with the portal's own address
    assert f"{own}/help" in body
    unsubscribe = "".join(message["List-Unsubscribe"].split())  # long headers are folded
    assert unsubscribe.startswith(f"<{own}/whats-new/unsubscribe/")
    _run(app, MORNING + timedelta(minutes=10))
    assert len(smtp_server.to("rhys@example.org")) == 1


def test_no_email_for_people_who_chose_none_or_have_no_address(app, smtp_server):
    quiet = _person(app, NoticeEmail.NONE, "quiet@example.org")
    no_address = create_user(username="noaddress")
    _notify(app, quiet.id)
    _notify(app, no_address.id)
    _run(app, EVENING)
    assert smtp_server.messages == []


def test_daily_summary_once_a_day_after_the_hour(app, smtp_server):
    ffion = _person(app, NoticeEmail.DAILY, "ffion@example.org", language="cy")
    _notify(app, ffion.id, count=2)
    _run(app, MORNING)
    assert smtp_server.messages == []  # not yet: the summary goes in the evening
    assert "daily summaries: 1" in _run(app, EVENING)
    (message,) = smtp_server.to("ffion@example.org")
    body = smtp_server.body(message)
    assert body.count("Croeso i'r porth.") == 2  # in her language, both notices in one email
    _notify(app, ffion.id)
    _run(app, EVENING + timedelta(hours=1))
    assert len(smtp_server.to("ffion@example.org")) == 1  # one summary a day
    _run(app, EVENING + timedelta(days=1))
    assert len(smtp_server.to("ffion@example.org")) == 2


def test_failed_sends_are_retried_later(app, smtp_server, monkeypatch):
    rhys = _person(app, NoticeEmail.EACH)
    _notify(app, rhys.id)
    working_port = app.config["SMTP_PORT"]
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nothing listens there
    assert "failed: 1" in _run(app, MORNING)
    with app.app_context():
        notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == rhys.id))
        assert notice.emailed_at is None and notice.email_attempts == 1
    monkeypatch.setitem(app.config, "SMTP_PORT", working_port)
    assert "Emails sent: 1" in _run(app, MORNING + timedelta(minutes=10))


def test_unsubscribe_link_works_without_signing_in(app, smtp_server, client):
    rhys = _person(app, NoticeEmail.EACH)
    _notify(app, rhys.id)
    _run(app, MORNING)
    body = smtp_server.body(smtp_server.to("rhys@example.org")[0])
    link = next(line for line in body.splitlines() if "/unsubscribe/" in line).strip()
    path = link.removeprefix("http://127.0.0.1:5000")
    assert "Do you want to stop emails" in client.get(path).get_data(as_text=True)
    assert fetch(User, rhys.id).notice_email == NoticeEmail.EACH
    done = client.post_form(path).get_data(as_text=True)
    assert "We will not send you emails" in done
    assert fetch(User, rhys.id).notice_email == NoticeEmail.NONE
    assert client.get("/whats-new/unsubscribe/forged-token").status_code == 404


def test_two_senders_at_once_send_each_notice_once(app, smtp_server):
    from portal.notices.email import send_due_emails

    people = [_person(app, NoticeEmail.EACH, f"p{n}@example.org") for n in range(5)]
    for person in people:
        _notify(app, person.id, count=3)
    barrier = threading.Barrier(2)
    errors = []

    def sender():
        try:
            with app.app_context():
                barrier.wait()
                send_due_emails(MORNING)
        except Exception as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(smtp_server.messages) == 15


def test_choosing_email_on_the_settings_page(app, client_as, users_by_role):
    client = client_as("member")
    page = client.get("/whats-new/email").get_data(as_text=True)
    assert "We do not have an email address for you." in page
    with app.app_context():
        db.session.get(User, users_by_role["member"].id).email = "sam@example.org"
        db.session.commit()
    page = client.get("/whats-new/email").get_data(as_text=True)
    assert "sam@example.org" in page
    client.post_form("/whats-new/email", {"notice_email": "daily"})
    assert fetch(User, users_by_role["member"].id).notice_email == NoticeEmail.DAILY
    refused = client.post_form("/whats-new/email", {"notice_email": "hourly"})
    assert "Choose one from the list." in refused.get_data(as_text=True)


def test_staff_add_an_email_address_and_bad_ones_are_explained(client_as, users_by_role):
    client = client_as("staff")
    member = users_by_role["member"]
    form = {"display_name": "Sam Jones", "username": "sam", "role": "member", "language": "en"}
    bad = client.post_form(f"/people/{member.id}", dict(form, email="sam at home"))
    assert "Check the email address." in bad.get_data(as_text=True)
    assert 'value="sam at home"' in bad.get_data(as_text=True)
    client.post_form(f"/people/{member.id}", dict(form, email=" Sam@Example.org "))
    assert fetch(User, member.id).email == "sam@example.org"


def test_old_notices_are_removed_after_a_year(app):
    user = create_user()
    with app.app_context():
        notify([user.id], "account_welcome")
        notify(user.id, "account_welcome")
        old, recent = db.session.scalars(sa.select(Notice).order_by(Notice.id)).all()
        old.created_at = EVENING - timedelta(days=400)
        recent.created_at = EVENING - timedelta(days=300)
        db.session.commit()
        old_id, recent_id = old.id, recent.id
    assert "Old notices removed: 1" in _run(app, EVENING)
    assert fetch(Notice, old_id) is None
    assert fetch(Notice, recent_id) is not None


def test_reminders_are_made_once_however_often_the_command_runs(app, monkeypatch):
    from portal.notices import reminders

    user = create_user()

    def remind_everyone(now):
        made = notify_once(user.id, "account_welcome", dedupe_key=f"test:{now.date()}:{user.id}")
        return int(made)

    monkeypatch.setattr(reminders, "REMINDER_SOURCES", [remind_everyone])
    assert "Reminders made: 1" in _run(app, MORNING)
    assert "Reminders made: 0" in _run(app, EVENING)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notice)) == 1


@pytest.mark.parametrize("configured", [False])
def test_without_a_mail_server_nothing_is_sent(app, configured):
    rhys = _person(app, NoticeEmail.EACH)
    _notify(app, rhys.id)
    assert "SMTP_HOST is not set" in _run(app, MORNING)
    with app.app_context():
        assert db.session.scalar(sa.select(Notice.emailed_at)) is None
