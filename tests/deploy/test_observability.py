"""Seeing what happens, in production mode (the test app is production): request ids, one JSON
log line per request without secrets, /metrics for allowed addresses, /readyz."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
import sqlalchemy as sa

from portal.accounts.models import NoticeEmail, User
from portal.extensions import db
from portal.notices.models import Notice
from portal.observability import JsonFormatter
from tests.factories import create_card, create_user


@pytest.fixture
def log_lines():
    """What the portal's request log writes, as parsed JSON objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("portal.requests")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_the_app_is_in_production_mode_here(app):
    assert app.config["PORTAL_ENV"] == "production" and app.config["LOG_FORMAT"] == "json"


def test_a_sane_request_id_from_nginx_is_used_and_sent_back(client):
    sent = "4f1c2b9e8a7d6c5b4a3f2e1d0c9b8a7f"
    assert client.get("/help", headers={"X-Request-ID": sent}).headers["X-Request-ID"] == sent


@pytest.mark.parametrize("offered", ["", "short", "has spaces in it", "x" * 200, "a\x00bcdefghij"])
def test_any_other_request_id_is_replaced_by_a_new_one(client, offered):
    answer = client.get("/help", headers={"X-Request-ID": offered}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", answer)


def test_one_json_line_per_request_with_route_status_time_and_user_number(
    client, member, log_lines
):
    client.sign_in_as(member)
    client.get("/sessions", headers={"X-Request-ID": "from-nginx-12345"})
    line = log_lines()[-1]
    assert line["request_id"] == "from-nginx-12345"
    assert line["endpoint"] == "sessions.list_upcoming" and line["status"] == 200
    assert line["method"] == "GET" and line["ms"] >= 0 and line["user_id"] == member.id
    assert line["logger"] == "portal.requests" and line["level"] == "info"
    assert "Sam" not in json.dumps(line) and "sam" not in json.dumps(line)


def test_log_lines_never_hold_codes_tokens_emails_or_query_strings(app, client, staff, log_lines):
    sam = create_user(username="samuel", display_name="Samuel Ray", email="samuel@example.org")
    _card, code = create_card(sam, staff)
    client.get(f"/card/{code}?from=qr-on-the-fridge")
    client.get("/sign-in/email/SOMESECRETTOKEN12345")
    client.post_form("/sign-in/email", {"email": "samuel@example.org"})
    client.get("/help?words=my+private+words")
    written = json.dumps(log_lines())
    for secret in (code, "SOMESECRETTOKEN12345", "samuel", "Samuel", "fridge", "private"):
        assert secret not in written
    assert "signin.open_card" in written and "pages.help_page" in written


def _metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        ours = line.startswith((name + "{", name + " "))
        if ours and all(f'{key}="{value}"' in line for key, value in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_metrics_count_requests_sign_in_failures_and_emails(client, member):
    before = client.get("/metrics").get_data(as_text=True)
    for _ in range(3):
        client.get("/help")
    client.post_form("/sign-in", {"username": "sam", "password": "not the password at all"})
    with client.application.app_context():
        waiting = create_user(username="wants", email="w@example.org").id
        db.session.execute(
            sa.update(User).where(User.id == waiting).values(notice_email=NoticeEmail.EACH)
        )
        db.session.add(Notice(user_id=waiting, kind="account_welcome", params={}))
        db.session.commit()
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    after = response.get_data(as_text=True)
    help_page = {"endpoint": "pages.help_page", "method": "GET", "status": "200"}
    grew = _metric(after, "portal_requests_total", **help_page)
    assert grew - _metric(before, "portal_requests_total", **help_page) >= 3
    assert _metric(after, "portal_request_seconds_count", endpoint="pages.help_page") >= 3
    failures = _metric(after, "portal_sign_in_failures_total")
    assert failures - _metric(before, "portal_sign_in_failures_total") == 1
    assert _metric(after, "portal_notice_emails_waiting") == 1
    assert "portal_notice_emails_failed 0.0" in after
    assert "portal_database_connections_in_use" in after
    assert "sam" not in after.lower().replace("same", "")


def test_metrics_are_only_for_allowed_addresses(client, app, monkeypatch):
    outside = client.get("/metrics", environ_overrides={"REMOTE_ADDR": "203.0.113.9"})
    assert outside.status_code == 404
    monkeypatch.setitem(app.config, "METRICS_ALLOWED", ["203.0.113.0/24"])
    inside = client.get("/metrics", environ_overrides={"REMOTE_ADDR": "203.0.113.9"})
    assert inside.status_code == 200
    assert client.get("/metrics").status_code == 404  # loopback is no longer on the list


def test_readyz_is_ready_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.get_json() == {"status": "ready"}


def test_readyz_says_why_not_when_migrations_are_behind(client, app):
    with app.app_context():
        current = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
        db.session.execute(sa.text("UPDATE alembic_version SET version_num = '0001_accounts'"))
        db.session.commit()
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert "migrations" in response.get_json()["reason"]
    finally:
        with app.app_context():
            db.session.execute(
                sa.text("UPDATE alembic_version SET version_num = :v"), {"v": current}
            )
            db.session.commit()


def test_readyz_503_when_redis_does_not_answer(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = client.get("/readyz")
    assert response.status_code == 503 and response.get_json()["reason"] == "redis does not answer"


def test_readyz_503_when_the_database_is_down(client, app, monkeypatch):
    def broken(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT", {}, Exception("database is gone"))

    with app.app_context():
        monkeypatch.setattr(db.session, "scalar", broken)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["reason"] == "database does not answer"


def test_a_made_up_method_adds_no_metric_series(client):
    for word in ("ZZTOP0", "ZZTOP1", "ZZTOP2"):
        assert client.open("/", method=word).status_code == 405
    after = client.get("/metrics").get_data(as_text=True)
    assert "ZZTOP" not in after
    refused = {"endpoint": "none", "method": "other", "status": "405"}
    assert _metric(after, "portal_requests_total", **refused) >= 3


def test_a_line_while_helping_names_the_supporter_too(app, client, member, log_lines):
    from tests.factories import create_user
    from tests.people.support_helpers import link, start_helping

    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    chosen = link(member, kim)
    client.sign_in_as(kim)
    start_helping(client, chosen)
    client.get("/sessions")
    line = log_lines()[-1]
    assert (line["user_id"], line["helper_id"]) == (member.id, kim.id)
    assert "Kim" not in json.dumps(line)
