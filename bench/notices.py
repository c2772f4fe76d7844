"""Benchmark: the header's unread count with 1,000,000 notices in the table.

    .venv/bin/python bench/notices.py [--notices 1000000] [--people 10000]

Uses a fresh SQLite file, or PostgreSQL when DATABASE_URL is set (its tables are rebuilt).
Prints the median and 95th percentile time of the count, how many SQL queries it makes, the
plan the database chose, and the ratio to a bare `SELECT 1` round trip.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import timedelta

import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from portal.timeutil import utcnow

# Production settings need the portal's own address (links are built from it).
BENCH_URL = "https://localhost"


def _timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notices", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "ARGON2_PROFILE": "fast-for-tests",
            "PORTAL_URL": BENCH_URL,
        }
    )
    with app.app_context():
        from flask_migrate import upgrade

        from portal.accounts.models import User
        from portal.notices.models import Notice
        from portal.notices.queries import count_unread

        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        started = time.perf_counter()
        now = utcnow()
        db.session.execute(
            sa.insert(User.__table__),
            [
                {"username": f"p{i}", "display_name": f"Person {i}", "role": "member",
                 "active": True, "created_at": now, "notice_email": "none"}
                for i in range(args.people)
            ],
        )  # fmt: skip
        user_ids = list(db.session.scalars(sa.select(User.id)))
        rng = random.Random(7)
        batch = []
        for n in range(args.notices):
            created = now - timedelta(minutes=n)
            batch.append(
                {"user_id": rng.choice(user_ids), "kind": "account_welcome", "params": {},
                 "created_at": created, "email_attempts": 0,
                 "read_at": None if rng.random() < 0.1 else created}
            )  # fmt: skip
            if len(batch) == 50_000:
                db.session.execute(sa.insert(Notice.__table__), batch)
                batch.clear()
        if batch:
            db.session.execute(sa.insert(Notice.__table__), batch)
        db.session.commit()
        db.session.execute(sa.text("ANALYZE"))
        print(f"seeded {args.notices:,} notices for {args.people:,} people "
              f"in {time.perf_counter() - started:.1f}s ({db.engine.dialect.name})")  # fmt: skip

        queries = []

        def record(*event_args):
            queries.append(event_args[2])

        target = user_ids[len(user_ids) // 2]
        sa.event.listen(db.engine, "before_cursor_execute", record)
        unread = count_unread(target)
        sa.event.remove(db.engine, "before_cursor_execute", record)
        query_count = len(queries)

        count_times = _timed(lambda: count_unread(rng.choice(user_ids)), args.runs)
        bare_times = _timed(lambda: db.session.execute(sa.text("SELECT 1")).scalar(), args.runs)

        compiled = (
            sa.select(sa.func.count())
            .select_from(Notice)
            .where(Notice.user_id == target, Notice.read_at.is_(None))
            .compile(db.engine, compile_kwargs={"literal_binds": True})
        )
        explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
        plan = [
            " ".join(str(c) for c in row)
            for row in db.session.execute(sa.text(explain + str(compiled)))
        ]

        print(f"unread count for one person: {unread} (SQL queries: {query_count})")
        print(
            f"count_unread   median {statistics.median(count_times):.3f} ms   p95 {_p95(count_times):.3f} ms"
        )
        print(
            f"bare SELECT 1  median {statistics.median(bare_times):.3f} ms   p95 {_p95(bare_times):.3f} ms"
        )
        print(
            f"ratio (count / bare round trip, median): {statistics.median(count_times) / statistics.median(bare_times):.2f}"
        )
        print("plan:")
        for line in plan:
            print(f"  {line}")


if __name__ == "__main__":
    main()
