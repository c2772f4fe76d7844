"""Benchmark for moderation: the staff queue with 5,000 open reports, and merging two concerns
with 10,000 supporters each (then undoing it).

    .venv/bin/python bench/moderation.py            # SQLite in a temporary folder
    DATABASE_URL=postgresql://... .venv/bin/python bench/moderation.py   # an EMPTY PostgreSQL db

Prints the queue page's median and 95th percentile time, its SQL query count (on a tiny queue
and on the full one, so growth with the data shows), its throughput as a ratio of a bare Flask
route's, and the time and query count of a merge and of its undo.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchkit import QueryCounter, make_app

from portal.extensions import db

REPORTED_CONCERNS, REPORTS_EACH, WAITING = 2_500, 2, 200  # 5,000 open reports
SUPPORTERS, OVERLAP = 10_000, 2_000  # each concern; OVERLAP support both
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
PASSWORD = "bench-password-long-enough"  # noqa: S105 (a throwaway database)


def seed_people(app) -> None:
    from portal.accounts.models import Role, User
    from portal.concerns.services import create_board
    from portal.people.services import create_person
    from portal.timeutil import utcnow

    with app.app_context():
        create_person(
            display_name="Bench Staff",
            username="staff",
            role=Role.STAFF,
            language="en",
            password=PASSWORD,
        )
        now = utcnow()
        db.session.execute(
            sa.insert(User),
            [
                {
                    "username": f"m{n}",
                    "display_name": f"Member {n}",
                    "role": "member",
                    "active": True,
                    "created_at": now,
                }
                for n in range(2 * SUPPORTERS)
            ],
        )
        create_board(name="Getting about", picture="bus")
        db.session.commit()


def _member_ids() -> list[int]:
    from portal.accounts.models import User

    return list(
        db.session.scalars(sa.select(User.id).where(User.role == "member").order_by(User.id))
    )


def seed_queue(app, reported: int, waiting: int) -> None:
    from portal.concerns.models import Board, Concern
    from portal.moderation.models import Report
    from portal.timeutil import utcnow

    with app.app_context():
        members = _member_ids()
        board_id = db.session.scalar(sa.select(Board.id))
        now = utcnow()
        start = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(Concern.id), 0)))
        db.session.execute(
            sa.insert(Concern),
            [
                {
                    "board_id": board_id,
                    "author_id": members[n % len(members)],
                    "title": f"Reported concern {start + n}",
                    "picture": "bus",
                    "status": "new",
                    "review": "waiting" if n >= reported else "shown",
                    "support_count": 0,
                    "created_at": now,
                    "status_changed_at": now,
                }
                for n in range(reported + waiting)
            ],
        )
        ids = list(
            db.session.scalars(
                sa.select(Concern.id)
                .where(Concern.id > start, Concern.review == "shown")
                .order_by(Concern.id)
            )
        )
        db.session.execute(
            sa.insert(Report),
            [
                {
                    "item_kind": "concern",
                    "item_id": concern_id,
                    "reporter_id": members[(i * REPORTS_EACH + k) % len(members)],
                    "reason": "unkind",
                    "created_at": now,
                }
                for i, concern_id in enumerate(ids)
                for k in range(REPORTS_EACH)
            ],
        )
        db.session.commit()
        if db.engine.dialect.name == "postgresql":  # as autovacuum would, after a bulk load
            with db.engine.connect() as connection:
                connection.execute(sa.text("ANALYZE"))


def time_queue(app, client, counter) -> tuple[float, float, int]:
    client.get("/moderation")  # warm
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get("/moderation")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    counter.count = 0
    client.get("/moderation")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], counter.count


def bare_rate(client) -> float:
    started = time.perf_counter()
    for _ in range(ROUNDS * 4):
        client.get("/bench-bare")
    return ROUNDS * 4 / (time.perf_counter() - started)


def seed_merge_pair(app) -> tuple[int, int]:
    from portal.concerns.models import Board, Concern, Support
    from portal.timeutil import utcnow

    with app.app_context():
        members = _member_ids()
        board_id = db.session.scalar(sa.select(Board.id))
        now = utcnow()
        pair = []
        for n, people in enumerate(
            (members[:SUPPORTERS], members[SUPPORTERS - OVERLAP : 2 * SUPPORTERS - OVERLAP])
        ):
            concern = Concern(
                board_id=board_id,
                author_id=people[0],
                title=f"Buses are late {n}",
                picture="bus",
                support_count=len(people),
            )
            db.session.add(concern)
            db.session.flush()
            db.session.execute(
                sa.insert(Support),
                [{"concern_id": concern.id, "user_id": uid, "created_at": now} for uid in people],
            )
            pair.append(concern.id)
        db.session.commit()
        return pair[0], pair[1]


def time_merge(app, kept_id: int, merged_id: int, counter) -> None:
    from portal.accounts.models import User
    from portal.concerns.models import Concern
    from portal.moderation.merging import merge_concerns, undo_merge
    from portal.notices.models import Notice

    def notices() -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(Notice))

    merges, undos = [], []
    for _ in range(3):
        with app.test_request_context("/"):
            staff = db.session.scalar(sa.select(User).where(User.username == "staff"))
            before = notices()
            counter.count = 0
            started = time.perf_counter()
            merge = merge_concerns(
                db.session.get(Concern, kept_id), db.session.get(Concern, merged_id), staff
            )
            db.session.commit()
            merges.append((time.perf_counter() - started, counter.count))
            told = notices() - before
            expected = 2 * SUPPORTERS - OVERLAP
            assert db.session.get(Concern, kept_id).support_count == expected
            counter.count = 0
            started = time.perf_counter()
            undo_merge(merge, staff)
            db.session.commit()
            undos.append((time.perf_counter() - started, counter.count))
            assert db.session.get(Concern, merged_id).support_count == SUPPORTERS
    best_merge, best_undo = min(merges), min(undos)
    print(
        f"merge 2 x {SUPPORTERS:,} supporters ({OVERLAP:,} shared): best {best_merge[0] * 1000:.0f} ms,"
        f" {best_merge[1]} SQL queries (includes {told:,} notices: the merged concern's people)"
    )
    print(f"undo that merge: best {best_undo[0] * 1000:.0f} ms, {best_undo[1]} SQL queries")


def main() -> None:
    app = make_app()
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('://')[0]}, rounds: {ROUNDS}")
    seed_people(app)
    with app.app_context():
        counter = QueryCounter(db.engine)
    client = app.test_client()
    client.post("/sign-in", data={"username": "staff", "password": PASSWORD})
    seed_queue(app, 20, 5)
    small = time_queue(app, client, counter)
    seed_queue(app, REPORTED_CONCERNS, WAITING)
    large = time_queue(app, client, counter)
    rate = bare_rate(client)
    print(
        f"queue, 40 open reports:    median {small[0] * 1000:.1f} ms, p95 {small[1] * 1000:.1f} ms, {small[2]} SQL queries"
    )
    print(
        f"queue, 5,040 open reports: median {large[0] * 1000:.1f} ms, p95 {large[1] * 1000:.1f} ms, {large[2]} SQL queries"
    )
    print(
        f"queue throughput: {1 / large[0]:.0f}/s; bare Flask route: {rate:.0f}/s; ratio {rate * large[0]:.1f}x"
    )
    print(f"queue time growth from 40 to 5,040 reports: {large[0] / small[0]:.2f}x")
    kept_id, merged_id = seed_merge_pair(app)
    time_merge(app, kept_id, merged_id, counter)


if __name__ == "__main__":
    main()
