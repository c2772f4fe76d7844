"""Benchmark: the agenda's live-update path with 50 editors connected to one agenda.

    .venv/bin/python bench/agendas.py
    EDITORS=50 ROUNDS=10 BENCH_PORT=5004 BENCH_REDIS_URL=redis://127.0.0.1:6379/4 \\
        DATABASE_URL=postgresql://... .venv/bin/python bench/agendas.py

Starts the real portal under gunicorn (2 sync workers, as `gunicorn wsgi:app` runs it) with
Redis when it answers, seeds one session run by 50 co-trainers, and signs each in. Every editor
polls every 2 seconds with If-None-Match, like static/js/agendas.js. One editor saves an item
ROUNDS times. It prints:
- the time from a save (its answer back) to each editor seeing the new words: median and 95th
  percentile, and the same for the last editor to see it (every editor has seen it);
- the server's cost per connected editor: CPU time of the gunicorn processes per poll and per
  editor per minute, measured while 50 editors wait and nothing changes (304s), and the
  answer time of a poll.
The editors are Python threads on the same machine, so their own work is counted in the times.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITORS = int(os.environ.get("EDITORS", "50"))
ROUNDS = int(os.environ.get("ROUNDS", "10"))
POLL_SECONDS = 2.0
PORT = int(os.environ.get("BENCH_PORT", "5004"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
PASSWORD = "a-benchmark-password"  # noqa: S105 (a throwaway database)

SEED = """
import json, sys
from datetime import timedelta
from flask_migrate import upgrade
from portal import create_app
from portal.accounts.models import Role
from portal.extensions import db
from portal.people.services import create_person
from portal.sessions.models import TrainingSession
from portal.agendas.services import add_item, agenda_for
from portal.timeutil import utcnow
url, editors, password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
app = create_app({"SQLALCHEMY_DATABASE_URI": url, "ARGON2_PROFILE": "fast-for-tests",
                  "PORTAL_URL": "https://localhost"})  # production settings need it
with app.app_context():
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade()
    people = [create_person(display_name=f"Editor {n}", username=f"editor{n}",
              role=Role.CO_TRAINER, language="en", password=password) for n in range(editors)]
    start = utcnow().replace(second=0, microsecond=0) + timedelta(days=3)
    session = TrainingSession(title="Train the trainers", start_at=start,
                              end_at=start + timedelta(hours=6), places=20)
    session.trainers = people
    db.session.add(session)
    db.session.flush()
    agenda = agenda_for(session)
    items = [add_item(agenda, people[0], title=f"Part {n}", description="", minutes=20,
                      kind="talk", leaders="") for n in range(8)]
    db.session.commit()
    print(json.dumps({"session": session.id, "item": items[3].id}))
"""


class Editor:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.etag = ""

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, str]:
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def post(self, path: str, data: dict) -> int:
        page = self.get("/help")[2]
        token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, **data}).encode()
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def _redis_url() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).ping()
        return REDIS_URL
    except Exception:
        return None


def _cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except FileNotFoundError:
            continue
    return total / ticks


def _server_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *map(int, children)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(round(share * (len(ordered) - 1)), len(ordered) - 1)]


def main() -> None:
    folder = tempfile.mkdtemp()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    seeded = subprocess.run(
        [sys.executable, "-c", SEED, url, str(EDITORS), PASSWORD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    ids = json.loads(seeded.stdout.strip().splitlines()[-1])
    redis_url = _redis_url()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-secret",
        "PORTAL_ENV": "development",
        "SIGN_IN_RATE_LIMIT": "10000 per minute",
    }
    env.pop("REDIS_URL", None)
    workers = "2"
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        workers = "1"  # without Redis, presence lives in one process
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            sys.exit(f"Port {PORT} is busy: set BENCH_PORT.")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            workers,
            "--bind",
            f"127.0.0.1:{PORT}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        _run(base, ids, server.pid, redis_url, workers, url)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _run(base: str, ids: dict, master: int, redis_url: str | None, workers: str, url: str):
    for _ in range(300):
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=1).status == 200:  # noqa: S310
                break
        except OSError:
            time.sleep(0.1)
    editors = [Editor(base) for _ in range(EDITORS)]
    for number, editor in enumerate(editors):
        assert editor.post("/sign-in", {"username": f"editor{number}", "password": PASSWORD}) == 200
    live = f"/agendas/session/{ids['session']}/live"
    seen: dict[str, dict[int, float]] = {}
    poll_times: list[float] = []
    statuses = {"200": 0, "304": 0}
    stop = threading.Event()
    lock = threading.Lock()

    def poll_loop(number: int, editor: Editor) -> None:
        time.sleep(random.uniform(0, POLL_SECONDS))  # editors open the page at different times
        while not stop.is_set():
            started = time.monotonic()
            status, headers, body = editor.get(live, {"If-None-Match": editor.etag})
            took = time.monotonic() - started
            arrived = time.monotonic()
            with lock:
                poll_times.append(took)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
            if status == 200:
                editor.etag = headers.get("ETag", "")
                for title in re.findall(r"Saved version (\d+)", body):
                    with lock:
                        seen.setdefault(title, {}).setdefault(number, arrived)
            stop.wait(max(POLL_SECONDS - took, 0))

    threads = [
        threading.Thread(target=poll_loop, args=(n, e), daemon=True) for n, e in enumerate(editors)
    ]
    for thread in threads:
        thread.start()
    time.sleep(POLL_SECONDS * 2)

    # Quiet time: 50 editors connected, nothing changes. What does each cost the server?
    pids = _server_pids(master)
    with lock:
        poll_times.clear()
        statuses.update({"200": 0, "304": 0})
    cpu_before, wall_before = _cpu_seconds(pids), time.monotonic()
    time.sleep(20)
    cpu_after, wall = _cpu_seconds(pids), time.monotonic() - wall_before
    with lock:
        quiet_polls = sum(statuses.values())
        quiet_304 = statuses.get("304", 0)
        quiet_times = list(poll_times)

    # Saves: one editor saves; how long until each editor sees it?
    writer = editors[0]
    saved_at: dict[str, float] = {}
    version = 1
    item_path = f"/agendas/session/{ids['session']}/items/{ids['item']}"
    cpu_saves_before, wall_saves_before = _cpu_seconds(pids), time.monotonic()
    for round_number in range(1, ROUNDS + 1):
        title = f"Saved version {round_number}"
        # The clock starts as the person presses Save: the save itself counts too.
        saved_at[str(round_number)] = time.monotonic()
        status = writer.post(
            item_path, {"title": title, "minutes": "20", "kind": "talk", "version": str(version)}
        )
        assert status == 200, status
        version += 1
        time.sleep(POLL_SECONDS * 1.5)
    time.sleep(POLL_SECONDS * 2)
    cpu_saves = _cpu_seconds(pids) - cpu_saves_before
    wall_saves = time.monotonic() - wall_saves_before
    stop.set()
    for thread in threads:
        thread.join(timeout=10)

    each, last = [], []
    missed = 0
    for round_number, at in saved_at.items():
        arrivals = seen.get(round_number, {})
        missed += EDITORS - len(arrivals)
        delays = [arrived - at for arrived in arrivals.values()]
        each.extend(delays)
        if delays:
            last.append(max(delays))

    cpu = cpu_after - cpu_before
    print(
        f"Database: {url.split(':', 1)[0]}; live channel: {'Redis' if redis_url else 'memory'};"
        f" gunicorn sync workers: {workers}; editors: {EDITORS}; saves: {ROUNDS}"
    )
    print(f"Poll every {POLL_SECONDS:.0f} s with If-None-Match.")
    print("")
    print(
        f"Save to seen, each editor:  median {statistics.median(each):.2f} s, 95th percentile {_percentile(each, 0.95):.2f} s, worst {max(each):.2f} s"
    )
    print(
        f"Save to seen by every editor: median {statistics.median(last):.2f} s, 95th percentile {_percentile(last, 0.95):.2f} s"
    )
    print(f"Editors who missed a save: {missed} (an editor may skip straight to a newer version)")
    print("")
    print(f"Quiet time, {wall:.0f} s: {quiet_polls} polls, {quiet_304} answered 304 Not Modified")
    print(
        f"Poll answer time: median {statistics.median(quiet_times) * 1000:.1f} ms, 95th percentile {_percentile(quiet_times, 0.95) * 1000:.1f} ms"
    )
    print(
        f"Server CPU: {cpu:.2f} s in {wall:.0f} s = {100 * cpu / wall:.1f}% of one core for {EDITORS} editors"
    )
    print(
        f"Per connected editor: {100 * cpu / wall / EDITORS:.2f}% of one core, {1000 * cpu / max(quiet_polls, 1):.2f} ms of CPU per poll"
    )
    print(
        f"Ratio, worst editor to half a poll interval (the expected wait): {_percentile(each, 0.95) / (POLL_SECONDS / 2):.1f}"
    )

    print(
        f"While saving ({ROUNDS} saves in {wall_saves:.0f} s, each sent to {EDITORS} editors):"
        f" {1000 * (cpu_saves - cpu / wall * wall_saves) / ROUNDS:.0f} ms of server CPU per save"
        " above quiet polling (the save and every editor's fresh copy)"
    )


if __name__ == "__main__":
    main()
