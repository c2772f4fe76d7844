# ruff: noqa: S310  (the URLs are our own local servers, always http://127.0.0.1)
"""The live channel across two worker processes sharing Redis and one database.

Two gunicorn servers run the real app, like two workers or two machines behind a load balancer.
Alex uses one and Dev the other: Dev sees Alex editing, then Alex's save, within 5 seconds.
Set AGENDA_TEST_REDIS_URL to choose the Redis database (default: number 4).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.redis_helpers import REDIS_URL, redis_or_skip

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "two-workers-password"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _seed(database_url: str) -> dict:
    """Build the schema with the migrations, then two co-trainers, a session and one item."""
    code = f"""
import json
from datetime import timedelta
from flask_migrate import upgrade
from portal import create_app
from portal.accounts.models import Role
from portal.extensions import db
from portal.people.services import create_person
from portal.sessions.services import create_session
from portal.agendas.services import add_item, agenda_for
from portal.timeutil import utcnow
settings = {{"SQLALCHEMY_DATABASE_URI": {database_url!r}, "ARGON2_PROFILE": "fast-for-tests"}}
app = create_app(settings)
with app.app_context():
    upgrade()
    alex = create_person(display_name="Alex Rivera", username="alex", role=Role.CO_TRAINER,
                         language="en", password={PASSWORD!r})
    dev = create_person(display_name="Dev Shah", username="dev", role=Role.CO_TRAINER,
                        language="en", password={PASSWORD!r})
    start = utcnow().replace(second=0, microsecond=0) + timedelta(days=3)
    session = create_session(trainers=[alex, dev], title="Train the trainers", summary="",
        picture="sessions", start_at=start, end_at=start + timedelta(hours=3), place_name="",
        address="", step_free=True, hearing_loop=False, accessible_toilet=True, access_notes="",
        online_link=None, group_id=None, places=10, bring="")
    item = add_item(agenda_for(session), alex, title="Break", description="", minutes=15,
                    kind="break", leaders="")
    db.session.commit()
    print(json.dumps({{"session": session.id, "item": item.id}}))
"""
    env = {**os.environ, "DATABASE_URL": database_url, "PORTAL_ENV": "development"}
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


class Browser:
    """A tiny cookie-keeping client talking to one server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, str]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def post(self, path: str, data: dict) -> int:
        token = re.search(
            r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', self.get("/help")[2]
        ).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, **data}).encode()
        request = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def sign_in(self, username: str) -> None:
        assert self.post("/sign-in", {"username": username, "password": PASSWORD}) == 200


def _start_server(port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_until(check, seconds: float) -> float:
    """Run `check` until it is true; return how long it took, or fail after `seconds`."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not seen within {seconds} seconds")
        time.sleep(0.1)
    return time.monotonic() - started


@pytest.fixture
def two_workers(tmp_path):
    redis_client = redis_or_skip()
    for key in redis_client.scan_iter("agenda:*"):
        redis_client.delete(key)
    database_url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    ids = _seed(database_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "two-workers-share-this-secret",
        "PORTAL_ENV": "development",
        "ARGON2_PROFILE": "fast-for-tests",
        # Sign-in limits count in the same Redis across runs; this test is about the live channel.
        "SIGN_IN_RATE_LIMIT": "1000 per minute",
    }
    ports = [_free_port(), _free_port()]
    servers = [_start_server(port, env) for port in ports]
    bases = [f"http://127.0.0.1:{port}" for port in ports]

    def up(base: str) -> bool:
        try:
            return urllib.request.urlopen(base + "/healthz", timeout=1).status == 200
        except OSError:
            return False

    try:
        for base in bases:
            _wait_until(lambda base=base: up(base), 30)
        yield bases, ids
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        for key in redis_client.scan_iter("agenda:*"):
            redis_client.delete(key)


def test_an_edit_on_one_worker_reaches_an_editor_on_another_within_5_seconds(two_workers):
    (base_a, base_b), ids = two_workers
    alex, dev = Browser(base_a), Browser(base_b)
    alex.sign_in("alex")
    dev.sign_in("dev")
    live = f"/agendas/session/{ids['session']}/live"
    status, headers, body = dev.get(live)
    assert status == 200 and "Nobody else is here now." in body
    etag = headers["ETag"]

    # Alex starts changing "Break" on worker A: Dev, on worker B, is told.
    alex.get(f"{live}?editing={ids['item']}")
    seen = {}

    def dev_sees(words: str) -> bool:
        status, headers, body = dev.get(live, {"If-None-Match": seen.get("etag", etag)})
        if status == 200:
            seen["etag"] = headers["ETag"]
            return words in body
        return False

    _wait_until(
        lambda: dev_sees("<bdi>Alex Rivera</bdi> is changing \u2018<bdi>Break</bdi>\u2019."), 5
    )

    # Alex saves on worker A: Dev, polling worker B, sees the new words within 5 seconds.
    saved = alex.post(
        f"/agendas/session/{ids['session']}/items/{ids['item']}",
        {"title": "Tea and biscuits", "minutes": "20", "kind": "break", "version": "1"},
    )
    assert saved == 200  # urllib follows the redirect back to the editor
    took = _wait_until(lambda: dev_sees("Tea and biscuits"), 5)
    assert took < 5
