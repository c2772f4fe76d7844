# ruff: noqa: S310  (the URLs are our own local server, always http://127.0.0.1)
"""The real thing: gunicorn with gunicorn.conf.py, two workers, production settings.

Metrics from both workers add up at /metrics; every request writes one JSON line and one access
log line, and neither holds a card's code.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = "PARK7TEAZ"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_two_gunicorn_workers_share_metrics_and_write_safe_logs(tmp_path):
    port = _free_port()
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "PORTAL_ENV", "LOG_FORMAT")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        SECRET_KEY="gunicorn-test-secret",
        PORTAL_URL=f"http://127.0.0.1:{port}",
        PORTAL_ALLOW_HTTP="1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="2",
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        FLASK_APP="wsgi",
    )
    flask = [sys.executable, "-m", "flask"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() - started < 30, "gunicorn did not start"
            time.sleep(0.2)
        for _ in range(20):
            assert _get(base + "/help")[0] == 200
        assert _get(f"{base}/card/{CODE}?from=fridge")[0] == 404
        status, text = _get(base + "/metrics")
        assert status == 200
        counted = sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("portal_requests_total{") and 'endpoint="pages.help_page"' in line
        )
        assert counted == 20  # both workers' counts, added up
        assert _get(base + "/readyz") == (200, '{"status":"ready"}\n')
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()

    written = (tmp_path / "server.log").read_text()
    assert CODE not in written and "fridge" not in written
    json_lines = [json.loads(line) for line in written.splitlines() if line.startswith("{")]
    requests = [line for line in json_lines if line.get("logger") == "portal.requests"]
    assert sum(line["endpoint"] == "pages.help_page" for line in requests) == 20
    assert any(line["endpoint"] == "signin.open_card" for line in requests)
    assert len({line["request_id"] for line in requests}) == len(requests)
    assert '"GET /card/[hidden]" 404' in written  # gunicorn's access log
