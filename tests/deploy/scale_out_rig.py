# ruff: noqa: S310  (our own local servers; a self-signed certificate made for the test)
"""The rig for test_scale_out.py: PostgreSQL, Redis, two gunicorn app servers, nginx in front.

nginx runs the repository's own deploy/nginx files over TLS on a loopback port. Two changes,
because the test runs on a random port, not 443: the upstream names the test's ports (and a
2 second fail_timeout to keep the test short), and Host keeps its port, so the portal's
same-origin check sees the address the client used.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = ROOT / "deploy" / "nginx"
PASSWORD = "scale-out-password"
MEMBERS = ["sam", "priya", "mo", "kit", "lee"]


def nginx_binary() -> str | None:
    """Debian puts nginx in /usr/sbin, which is not on every user's PATH."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if os.access(found, os.X_OK) else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed(env: dict) -> dict:
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
from portal.concerns.services import create_board, create_concern
from portal.timeutil import utcnow
app = create_app({{"ARGON2_PROFILE": "fast-for-tests"}})
with app.app_context():
    upgrade()
    people = {{}}
    for name in {MEMBERS!r}:
        people[name] = create_person(display_name=name.title(), username=name, role=Role.MEMBER,
                                     language="en", password={PASSWORD!r})
    for name in ("alex", "dev"):
        people[name] = create_person(display_name=name.title(), username=name,
                                     role=Role.CO_TRAINER, language="en", password={PASSWORD!r})
    start = utcnow().replace(second=0, microsecond=0) + timedelta(days=3)
    session = create_session(trainers=[people["alex"], people["dev"]], title="Train together",
        summary="", picture="sessions", start_at=start, end_at=start + timedelta(hours=3),
        place_name="", address="", step_free=True, hearing_loop=False, accessible_toilet=True,
        access_notes="", online_link=None, group_id=None, places=10, bring="")
    item = add_item(agenda_for(session), people["alex"], title="Break", description="",
                    minutes=15, kind="break", leaders="")
    board = create_board(name="Getting about", picture="bus")
    concern = create_concern(board, people["priya"], title="The bus is often late")
    db.session.commit()
    print(json.dumps({{"session": session.id, "item": item.id, "concern": concern.id}}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def start_app_server(port: int, env: dict, log: Path) -> subprocess.Popen:
    with log.open("a") as out:  # the server keeps its own copy of the file
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_until_up(port: int, seconds: float = 40) -> None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}
            )
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the app server on port {port} did not start")


def start_nginx(folder: Path, port: int, app_ports: list[int]) -> subprocess.Popen:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    locations = (NGINX / "common-ground-locations.conf").read_text()
    assert "proxy_set_header Host $host;" in locations
    locations = locations.replace(
        "proxy_set_header Host $host;", "proxy_set_header Host $http_host;"
    )
    (folder / "locations.conf").write_text(locations)
    servers = "".join(
        f"server 127.0.0.1:{app_port} max_fails=1 fail_timeout=2s;\n" for app_port in app_ports
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"{kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"""{user}daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    {temp}
    include {NGINX}/common-ground-http.conf;
    access_log {folder}/access.log common_ground;
    upstream common_ground {{
        {servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port} ssl http2;
        server_name localhost;
        ssl_certificate {folder}/cert.pem;
        ssl_certificate_key {folder}/key.pem;
        root {ROOT};
        include {folder}/locations.conf;
    }}
}}
"""
    )
    with (folder / "nginx.out").open("w") as out:
        return subprocess.Popen(
            [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", "stderr"],
            stdout=subprocess.DEVNULL,
            stderr=out,
        )


class Browser:
    """A client with its own cookies, talking to nginx over https."""

    def __init__(self, base: str) -> None:
        self.base = base
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=context),
        )

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, str, str]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with self.opener.open(request, timeout=15) as response:
                body = response.read().decode()
                return response.status, dict(response.headers), body, response.url
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(), error.url

    def post(self, path: str, data: dict) -> tuple[int, str]:
        page = self.get("/help")[2]
        token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, **data}).encode()
        headers = {"Referer": self.base + "/help", "Origin": self.base}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.url
        except urllib.error.HTTPError as error:
            return error.code, error.url

    def sign_in(self, username: str, password: str = PASSWORD) -> int:
        return self.post("/sign-in", {"username": username, "password": password})[0]

    def signed_in(self) -> bool:
        status, _headers, _body, url = self.get("/sessions")
        return status == 200 and "/sign-in" not in url
