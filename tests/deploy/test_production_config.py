"""The production files in the repository: gunicorn.conf.py, deploy/nginx, deploy/systemd."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from portal.redact import HIDDEN, safe_path
from tests.deploy.scale_out_rig import nginx_binary

ROOT = Path(__file__).resolve().parents[2]
NGINX = ROOT / "deploy" / "nginx"
SECRET = "SECRETKEY7TEA"


def secret_addresses(app) -> list[str]:
    """An address for every route whose URL holds a key (a <code> or a <token>)."""
    addresses = []
    for rule in app.url_map.iter_rules():
        if {"code", "token"} & set(rule.arguments):
            values = {name: SECRET if name in ("code", "token") else 1 for name in rule.arguments}
            addresses.append(rule.build(values)[1])
    return addresses


def test_every_address_with_a_key_is_hidden_in_the_apps_logs(app):
    addresses = secret_addresses(app)
    assert len(addresses) >= 4  # card, email link, calendar feed, stop emails
    for address in addresses:
        shown = safe_path(address + "?next=/private")
        assert SECRET not in shown and HIDDEN in shown, address
        assert "private" not in shown
    assert safe_path("/sessions/12?q=words") == "/sessions/12"


def test_every_address_with_a_key_is_hidden_in_nginxs_log(app):
    text = (NGINX / "common-ground-http.conf").read_text()
    block = text[text.index("map $uri $cg_log_path") :]
    patterns = re.findall(r'"~([^"]+)"', block[: block.index("}")])
    for address in secret_addresses(app):
        assert any(re.search(pattern, address) for pattern in patterns), address


def test_gunicorns_access_log_hides_keys_queries_and_referrers():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    config = Config()
    config.set("access_log_format", settings["access_log_format"])
    logger = settings["SafeLogger"](config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/sign-in/email/{SECRET}?x=1",
        "PATH_INFO": f"/sign-in/email/{SECRET}",
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://portal.example.org/card/{SECRET}",
    }
    request = SimpleNamespace(headers=[("X-REQUEST-ID", "abc123"), ("REFERER", SECRET)])
    response = SimpleNamespace(status="302 FOUND", sent=10, headers=[("Location", SECRET)])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=12))
    line = settings["access_log_format"] % atoms
    assert SECRET not in line and SECRET not in str(atoms)
    assert "/sign-in/email/[hidden]" in line and "id=abc123" in line
    assert settings["worker_class"] == "gthread" and settings["workers"] >= 2


def test_nginx_takes_the_same_largest_request_as_the_portal(app):
    text = (NGINX / "common-ground-locations.conf").read_text()
    size = re.search(r"client_max_body_size (\d+)m;", text).group(1)
    assert int(size) * 1024 * 1024 == app.config["MAX_CONTENT_LENGTH"]


def test_the_nginx_site_file_is_valid(tmp_path):
    if not nginx_binary():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run installs it")
        pytest.skip("nginx is not installed (apt-get install nginx); CI never skips this")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=portal.example.org", "-keyout", str(tmp_path / "privkey.pem"),
         "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (NGINX / "common-ground.conf").read_text()
    site = site.replace("/srv/common-ground/app", str(ROOT))
    site = site.replace("/etc/letsencrypt/live/portal.example.org", str(tmp_path))
    site = site.replace("/var/log/nginx", str(tmp_path))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; include {tmp_path}/site.conf; }}\n"
    )
    test = [nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    checked = subprocess.run([*test, "-e", "stderr"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_systemd_units_run_the_app_and_the_notices_every_ten_minutes():
    systemd = ROOT / "deploy" / "systemd"
    app_unit = (systemd / "common-ground@.service").read_text()
    assert "gunicorn -c /srv/common-ground/app/gunicorn.conf.py wsgi:app" in app_unit
    assert "GUNICORN_BIND=127.0.0.1:%i" in app_unit
    assert "notices run" in (systemd / "common-ground-notices.service").read_text()
    assert "OnCalendar=*:0/10" in (systemd / "common-ground-notices.timer").read_text()
    assert "backup --to" in (systemd / "common-ground-backup.service").read_text()


def test_static_addresses_carry_a_hash_of_the_file(app):
    import hashlib

    from flask import url_for

    with app.test_request_context():
        address = url_for("static", filename="css/portal.css")
    digest = hashlib.sha256((ROOT / "static/css/portal.css").read_bytes()).hexdigest()[:10]
    assert address == f"/static/css/portal.css?v={digest}"


def test_a_static_address_for_no_file_stays_as_it_was(app):
    from flask import url_for

    with app.test_request_context():
        assert url_for("static", filename="pictures/none.svg") == "/static/pictures/none.svg"
        assert url_for("static", filename="pictures/a\x00b.svg").startswith("/static/pictures/a")


def test_the_ci_workflow_runs_ci_run_with_postgresql_and_redis_services():
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert re.search(r"^\s+\.ci/run$", workflow, re.MULTILINE)
    assert "-e CI=true" in workflow and "--network host" in workflow
    for service, port in (("postgres", 5432), ("redis", 6379)):
        assert re.search(rf"^      {service}:\n        image: ", workflow, re.MULTILINE)
        assert f"- {port}:{port}" in workflow
    assert "POSTGRES_DB: test" in workflow  # the Makefile's PG_TEST_URL database
    ci_run = (ROOT / ".ci" / "run").read_text()
    assert 'missing="$missing nginx"' in ci_run and "make test" in ci_run
