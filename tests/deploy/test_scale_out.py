"""Scale out, proven here: nginx in front of two gunicorn app servers sharing PostgreSQL and
Redis. People sign in, support a concern, say they are coming and edit an agenda through nginx
while one app server is stopped and started again. Nothing fails, nobody is signed out, counts
stay right, live agenda changes reach editors on both servers, and rate limits are shared.

It runs in the PostgreSQL run of `make test` (it needs DATABASE_URL, Redis and nginx); CI never
skips it. The rig is in scale_out_rig.py.
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.deploy.databases import new_postgres_database, postgres_url
from tests.deploy.scale_out_rig import (
    MEMBERS,
    Browser,
    free_port,
    nginx_binary,
    seed,
    start_app_server,
    start_nginx,
    wait_until_up,
)
from tests.redis_helpers import REDIS_URL, redis_or_skip

pytestmark = pytest.mark.deployment


def _needs() -> None:
    if not nginx_binary():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is not installed (apt-get install nginx); CI never skips this")
    if not postgres_url():
        pytest.skip("runs in the PostgreSQL run of make test (DATABASE_URL is not PostgreSQL)")


def _clear(redis_client) -> None:
    for pattern in ("LIMITS*", "agenda:*"):
        for key in redis_client.scan_iter(pattern):
            redis_client.delete(key)


@pytest.fixture
def rig(tmp_path):
    _needs()
    redis_client = redis_or_skip()
    _clear(redis_client)
    database = new_postgres_database("scale_out")
    nginx_port, app_ports = free_port(), [free_port(), free_port()]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PORTAL_ENV", "PROMETHEUS_MULTIPROC_DIR")
    }
    env.update(
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        SECRET_KEY="scale-out-shared-secret",
        PORTAL_URL=f"https://localhost:{nginx_port}",
        TRUSTED_HOSTS="localhost",
        PROXY_FIX_HOPS="1",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="4",
        GUNICORN_GRACEFUL_TIMEOUT="5",
    )
    ids = seed(env)
    log = tmp_path / "app.log"
    servers = {port: start_app_server(port, env, log) for port in app_ports}
    nginx = None
    try:
        for port in app_ports:
            wait_until_up(port)
        nginx = start_nginx(tmp_path, nginx_port, app_ports)
        base = f"https://localhost:{nginx_port}"
        started = time.monotonic()
        while Browser(base).get("/healthz")[0] != 200:
            assert time.monotonic() - started < 15, (tmp_path / "nginx.out").read_text()
            time.sleep(0.2)
        yield {
            "base": base, "ids": ids, "env": env, "log": log, "servers": servers,
            "ports": app_ports, "folder": tmp_path, "database": database,
        }  # fmt: skip
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(timeout=10)
        for server in servers.values():
            server.terminate()
            server.wait(timeout=20)
        _clear(redis_client)


def _wait_for(check, seconds: float) -> None:
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not seen within {seconds} seconds"
        time.sleep(0.2)


def test_two_app_servers_behind_nginx_survive_one_restarting(rig):
    base, ids = rig["base"], rig["ids"]
    people = {name: Browser(base) for name in [*MEMBERS, "alex", "dev"]}
    for name, browser in people.items():
        assert browser.sign_in(name) == 200, name
        assert browser.signed_in(), name

    # Sam keeps reading pages the whole time, as a member would.
    failures, answered, stop = [], [], threading.Event()

    def keep_reading() -> None:
        reader = people["sam"]
        while not stop.is_set():
            try:
                status, _headers, _body, url = reader.get("/sessions")
                answered.append(status)
                if status != 200 or "/sign-in" in url:
                    failures.append((status, url))
            except OSError as error:
                failures.append(("error", repr(error)))

    reading = threading.Thread(target=keep_reading)
    reading.start()
    live = f"/agendas/session/{ids['session']}/live"
    concern, session = ids["concern"], ids["session"]
    try:
        time.sleep(1)
        # One app server stops (as for an upgrade: requests in flight finish first).
        stopped_port = rig["ports"][0]
        rig["servers"][stopped_port].terminate()
        rig["servers"][stopped_port].wait(timeout=20)

        for name in ["sam", "mo", "kit"]:
            assert people[name].post(f"/concerns/{concern}/support", {"supported": "1"})[0] == 200
        assert people["sam"].post(f"/concerns/{concern}/support", {"supported": "1"})[0] == 200
        for name in ["sam", "mo"]:
            assert people[name].post(f"/sessions/{session}/coming", {"coming": "1"})[0] == 200
        edit = {"title": "Tea while one server rests", "minutes": "20", "kind": "break"}
        item = f"/agendas/session/{session}/items/{ids['item']}"
        assert people["alex"].post(item, {**edit, "version": "1"})[0] == 200
        _wait_for(lambda: "Tea while one server rests" in people["dev"].get(live)[2], 5)

        # It starts again; nginx sends it people again once it answers.
        rig["servers"][stopped_port] = start_app_server(stopped_port, rig["env"], rig["log"])
        wait_until_up(stopped_port)
        time.sleep(2.5)  # nginx's fail_timeout in the rig: then it tries that server again
        assert people["lee"].post(f"/concerns/{concern}/support", {"supported": "1"})[0] == 200
        assert people["kit"].post(f"/sessions/{session}/coming", {"coming": "1"})[0] == 200
        edit["title"] = "Tea for everyone"
        assert people["dev"].post(item, {**edit, "version": "2"})[0] == 200
        for _ in range(6):  # polls go to both servers in turn: every one sees the change
            assert "Tea for everyone" in people["alex"].get(live)[2]
    finally:
        stop.set()
        reading.join(timeout=20)

    assert not failures, failures[:5]
    assert len(answered) > 10
    for name, browser in people.items():
        assert browser.signed_in(), f"{name} was signed out"

    # Counts stay right: the author and four supporters (a second tap adds nothing), three going.
    engine = sa.create_engine(rig["database"])
    with engine.connect() as connection:
        supporters = connection.scalar(
            sa.text("SELECT COUNT(*) FROM concern_support WHERE concern_id = :id"), {"id": concern}
        )
        going = connection.scalar(
            sa.text("SELECT COUNT(*) FROM session_booking WHERE session_id = :id"), {"id": session}
        )
    engine.dispose()
    assert (supporters, going) == (5, 3)

    # Rate limits are shared: wrong passwords for one username, spread over both servers,
    # pause that password after the limit (5), as one server alone would.
    guesser = Browser(base)
    answers = [guesser.sign_in("priya", "not her password at all") for _ in range(6)]
    assert answers[-1] == 429, answers
    assert guesser.sign_in("priya") == 429  # even the right one, while paused

    # Both app servers really served: nginx's log names each for the sign-in and live requests.
    access = (rig["folder"] / "access.log").read_text()
    # (Each path alone may land on one server by chance of timing; together they reach both.)
    ports = set()
    for path in ("/sign-in", live):
        served = set(re.findall(rf'"\w+ {re.escape(path)}" \d+ \d+ \S+ upstream=(\S+)', access))
        assert served, path
        ports |= {address.rsplit(":", 1)[-1].rstrip(",") for address in served}
    assert {str(port) for port in rig["ports"]} <= ports, ports

    # Style sheets come through nginx from the portal, minified (portal/static_minify.py); other
    # static files from nginx itself, kept a year at their version.
    page = Browser(base).get("/help")[2]
    sheet = re.search(r'href="(/static/css/portal\.css\?v=[0-9a-f]+)"', page).group(1)
    status, headers, body, _url = Browser(base).get(sheet)
    written = (Path(__file__).parents[2] / "static/css/portal.css").read_text()
    assert status == 200 and "/*" not in body and len(body) < len(written) * 0.8
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, body, _url = Browser(base).get("/static/pictures/help.svg?v=1")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
