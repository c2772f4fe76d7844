"""Benchmark: "What's on" and a session page, with a little data and with a lot.

    .venv/bin/python bench/sessions.py            # SQLite in a temporary folder
    DATABASE_URL=postgresql://... .venv/bin/python bench/sessions.py

Seeds 500 sessions and 10,000 bookings (and, first, a small set for comparison), then reports
the time and the number of SQL queries for each page. The query count must not grow with data.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app
from portal.accounts.models import Role, User
from portal.extensions import db
from portal.groups.models import Group, group_member
from portal.people.services import create_person
from portal.sessions.models import Booking, TrainingSession, session_trainer
from portal.timeutil import utcnow

# Production settings need the portal's own address (links are built from it).
BENCH_URL = "https://localhost"

PASSWORD = "a-benchmark-password"  # noqa: S105 (a throwaway database)
RUNS = 20


def make_app():
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "PORTAL_URL": BENCH_URL,
            "SECRET_KEY": "bench",
            "ARGON2_PROFILE": "fast-for-tests",
            "RATELIMIT_ENABLED": False,
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    from flask_migrate import upgrade

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
    return app


def seed(sessions: int, bookings: int, people: int) -> tuple[int, int]:
    """Add sessions, people and bookings in bulk; return (member id, one busy session id)."""
    rng = random.Random(sessions)
    suffix = f"{sessions}-{bookings}"
    member = create_person(
        display_name="Bench Member",
        username=f"bench{suffix}",
        role=Role.MEMBER,
        language="en",
        password=PASSWORD,
    )
    hashed = member.password_hash
    db.session.execute(
        sa.insert(User),
        [
            {
                "username": f"p{suffix}-{i}",
                "display_name": f"Person {i}",
                "role": Role.MEMBER,
                "active": True,
                "language": "en",
                "password_hash": hashed,
                "created_at": utcnow(),
            }
            for i in range(people)
        ],
    )
    user_ids = list(
        db.session.scalars(sa.select(User.id).where(User.username.like(f"p{suffix}-%")))
    )
    group = Group(name=f"Group {suffix}")
    db.session.add(group)
    db.session.flush()
    db.session.execute(
        sa.insert(group_member), [{"group_id": group.id, "user_id": uid} for uid in user_ids[:50]]
    )
    now = utcnow()
    rows = []
    for i in range(sessions):
        start = now + timedelta(days=rng.randint(-200, 200), hours=rng.randint(0, 8))
        rows.append(
            {
                "title": f"Session {suffix} {i}",
                "summary": "We meet and talk.",
                "picture": "sessions",
                "start_at": start,
                "end_at": start + timedelta(hours=3),
                "place_name": "Community Hall",
                "address": "1 High Street",
                "step_free": True,
                "hearing_loop": False,
                "accessible_toilet": True,
                "access_notes": "",
                "group_id": group.id if i % 5 == 0 else None,
                "places": 25,
                "created_at": now,
            }
        )
    db.session.execute(sa.insert(TrainingSession), rows)
    session_ids = list(
        db.session.scalars(
            sa.select(TrainingSession.id).where(TrainingSession.title.like(f"Session {suffix} %"))
        )
    )
    db.session.execute(
        sa.insert(session_trainer),
        [{"session_id": sid, "user_id": user_ids[sid % len(user_ids)]} for sid in session_ids],
    )
    per_session = max(bookings // len(session_ids), 1)
    booking_rows = []
    for sid in session_ids:
        for position, uid in enumerate(rng.sample(user_ids, per_session)):
            booking_rows.append(
                {
                    "session_id": sid,
                    "user_id": uid,
                    "status": "going" if position < 20 else "waiting",
                    "status_at": now - timedelta(minutes=per_session - position),
                    "help_needs": ["step_free"] if position % 3 == 0 else [],
                    "help_other": "",
                }
            )
    db.session.execute(sa.insert(Booking), booking_rows)
    db.session.commit()
    busy = db.session.scalar(
        sa.select(TrainingSession.id)
        .where(TrainingSession.id.in_(session_ids), TrainingSession.start_at > now)
        .order_by(TrainingSession.start_at)
    )
    return member.username, busy


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args) -> None:
        self.count += 1


def measure(app, counter, username: str, url: str) -> tuple[float, int]:
    client = app.test_client()
    client.post("/sign-in", data={"username": username, "password": PASSWORD})
    assert client.get(url).status_code == 200, url
    times, queries = [], []
    for _ in range(RUNS):
        counter.count = 0
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        queries.append(counter.count)
        assert response.status_code == 200
    return statistics.median(times), max(queries)


def main() -> None:
    app = make_app()
    with app.app_context():
        counter = QueryCounter(db.engine)
    results = {}
    for label, sessions, bookings, people in (
        ("small", 20, 400, 60),
        ("large", 500, 10_000, 400),
    ):
        # Seed inside an app context, measure outside it: each request then has its own, as
        # in production, so nothing cached on `g` hides a query.
        with app.app_context():
            started = time.perf_counter()
            username, busy = seed(sessions, bookings, people)
            seeded = time.perf_counter() - started
            totals = (
                db.session.scalar(sa.select(sa.func.count(TrainingSession.id))),
                db.session.scalar(sa.select(sa.func.count(Booking.id))),
            )
        print(f"{label}: {totals[0]} sessions, {totals[1]} bookings (seeded in {seeded:.1f}s)")
        for page, url in (("What's on", "/sessions"), ("Session page", f"/sessions/{busy}")):
            ms, queries = measure(app, counter, username, url)
            results[(label, page)] = (ms, queries)
            print(f"  {page:<13} {ms:7.1f} ms median of {RUNS}   {queries} SQL queries")
    print("ratios, large / small:")
    for page in ("What's on", "Session page"):
        small, large = results[("small", page)], results[("large", page)]
        print(
            f"  {page:<13} time x{large[0] / small[0]:.2f}   queries {small[1]} -> {large[1]}"
            + ("   (same: good)" if small[1] == large[1] else "   (GREW: fix this)")
        )


if __name__ == "__main__":
    main()
