"""Benchmark for common concerns: the board page, a concern page and the support toggle.

    .venv/bin/python bench/concerns.py            # SQLite in a temporary folder
    DATABASE_URL=postgresql://... .venv/bin/python bench/concerns.py   # an EMPTY PostgreSQL db

Seeds 50 boards, 20,000 concerns, 200,000 supports and 10,000 members, then prints, for each
page: median and 95th percentile time, the number of SQL queries (measured on a tiny database
first and on the full one after, so growth with the data shows), and the board page's
throughput as a ratio of a bare Flask route's, served by the same app in the same run.
Requests go through the app's WSGI interface in this process (Flask's test client), so the
figures are the portal's own work, without network noise.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchkit import QueryCounter, make_app

from portal.extensions import db

MEMBERS, BOARDS, CONCERNS, SUPPORTS = 10_000, 50, 20_000, 200_000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
PASSWORD = "bench-password-long-enough"  # noqa: S105 (a throwaway database)


def seed_small(app) -> dict:
    """One board with 25 concerns by someone else, and the bench member: the baseline."""
    from portal.accounts.models import Role
    from portal.concerns.services import create_board, create_concern
    from portal.people.services import create_person

    with app.app_context():
        me = create_person(
            display_name="Bench Member",
            username="bench",
            role=Role.MEMBER,
            language="en",
            password=PASSWORD,
        )
        author = create_person(
            display_name="Someone Else",
            username="someone",
            role=Role.MEMBER,
            language="en",
            password=PASSWORD,
        )
        board = create_board(name="Small board", picture="bus")
        concerns = [create_concern(board, author, title=f"Small concern {n}") for n in range(25)]
        assert me.id != author.id
        db.session.commit()
        return {"board": board.id, "concern": concerns[0].id}


def seed_large(app) -> dict:
    """The full data set, with bulk inserts; supports follow a long tail like real boards."""
    from portal.concerns.models import Board, Concern, Support

    rng = random.Random(4)
    with app.app_context():
        from portal.accounts.models import User
        from portal.timeutil import utcnow

        first_user = db.session.scalar(sa.select(sa.func.max(User.id))) + 1

        now = utcnow()
        db.session.execute(
            sa.insert(User),
            [
                {
                    "username": f"member{n}",
                    "display_name": f"Member {n}",
                    "role": "member",
                    "active": True,
                    "created_at": now,
                }
                for n in range(MEMBERS)
            ],
        )
        user_ids = list(
            db.session.scalars(sa.select(User.id).where(User.id >= first_user).order_by(User.id))
        )
        db.session.execute(
            sa.insert(Board),
            [
                {
                    "name": f"Board {n}",
                    "picture": "bus",
                    "position": n + 10,
                    "check_first": False,
                    "created_at": now,
                }
                for n in range(BOARDS)
            ],
        )
        board_ids = list(db.session.scalars(sa.select(Board.id).where(Board.name.like("Board %"))))
        # A long tail: a few concerns with many supports, most with a few.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(CONCERNS)]
        scale = SUPPORTS / sum(weights)
        counts = [max(1, min(MEMBERS, round(w * scale))) for w in weights]
        counts[0] += SUPPORTS - sum(counts)  # the busiest takes the rounding
        rng.shuffle(counts)
        rows = [
            {
                "board_id": board_ids[n % BOARDS],
                "author_id": rng.choice(user_ids),
                "title": f"Concern {n} about the bus and the shops",
                "picture": "bus",
                "status": "new",
                "review": "shown",
                "support_count": counts[n],
                "created_at": now,
                "status_changed_at": now,
            }
            for n in range(CONCERNS)
        ]
        db.session.execute(sa.insert(Concern), rows)
        concern_ids = list(
            db.session.scalars(
                sa.select(Concern.id).where(Concern.title.like("Concern %")).order_by(Concern.id)
            )
        )
        batch = []
        for concern_id, count in zip(concern_ids, counts, strict=True):
            for user_id in rng.sample(user_ids, count):
                batch.append({"concern_id": concern_id, "user_id": user_id, "created_at": now})
            if len(batch) > 20_000:
                db.session.execute(sa.insert(Support), batch)
                batch = []
        if batch:
            db.session.execute(sa.insert(Support), batch)
        db.session.commit()
        busiest = db.session.scalar(
            sa.select(Concern)
            .where(Concern.board_id == board_ids[0])
            .order_by(Concern.support_count.desc())
        )
        return {"board": board_ids[0], "concern": busiest.id, "supports": busiest.support_count}


def timed(client, counter, method: str, url: str, rounds: int, data=None, headers=None) -> dict:
    times, queries = [], []
    for number in range(rounds):
        before = counter.count
        start = time.perf_counter()
        if method == "GET":
            response = client.get(url, headers=headers)
        else:
            response = client.post(url, data=data(number) if callable(data) else data)
        times.append(time.perf_counter() - start)
        queries.append(counter.count - before)
        assert response.status_code == (200 if method == "GET" else 302), (
            url,
            response.status_code,
        )
        if method == "POST":
            # The page the tap leads to shows its message and so takes it out of the session;
            # the bench does not open that page, so it takes the message out itself (untimed),
            # or 300 messages would pile up in the session cookie.
            with client.session_transaction() as session:
                session.pop("_flashes", None)
    times.sort()
    return {
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(len(times) * 0.95) - 1] * 1000,
        "queries": max(queries),
        "per_second": len(times) / sum(times),
    }


def measure(app, ids: dict, counter: QueryCounter, rounds: int) -> dict:
    client = app.test_client()
    client.get("/sign-in")  # a session cookie first: a post without one sets none
    signed_in = client.post("/sign-in", data={"username": "bench", "password": PASSWORD})
    assert signed_in.status_code == 302, "the bench member could not sign in"
    board_url = f"/concerns/boards/{ids['board']}"
    return {
        "bare Flask route": timed(client, counter, "GET", "/bench-bare", rounds),
        "board page": timed(client, counter, "GET", board_url, rounds),
        "board page, newest": timed(client, counter, "GET", board_url + "?sort=newest", rounds),
        "board page 2 (htmx)": timed(
            client,
            counter,
            "GET",
            board_url + "?page=2&part=more",
            rounds,
            headers={"HX-Request": "true"},  # as "Show more" asks: just the next rows
        ),
        "concern page": timed(client, counter, "GET", f"/concerns/{ids['concern']}", rounds),
        "support toggle": timed(
            client,
            counter,
            "POST",
            f"/concerns/{ids['concern']}/support",
            rounds,
            data=lambda n: {"supported": "1" if n % 2 == 0 else "0"},
        ),
    }


def report(title: str, results: dict) -> None:
    print(f"\n{title}")
    print(f"{'':24} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'per second':>11}")
    for name, figures in results.items():
        print(
            f"{name:24} {figures['median_ms']:10.2f} {figures['p95_ms']:8.2f} "
            f"{figures['queries']:8d} {figures['per_second']:11.0f}"
        )


def main() -> None:
    # The glossary is checked for staff edits every 2 seconds: a query that lands in a long run
    # and not in a short one, so the counts below would seem to grow with the data.
    app = make_app(GLOSSARY_RECHECK_SECONDS=3600)
    with app.app_context():
        counter = QueryCounter(db.engine)
    print(f"Database: {app.config['SQLALCHEMY_DATABASE_URI'].split('://')[0]}")
    small_ids = seed_small(app)
    small = measure(app, small_ids, counter, rounds=30)
    start = time.perf_counter()
    large_ids = seed_large(app)
    print(
        f"Seeded {MEMBERS:,} members, {BOARDS} boards, {CONCERNS:,} concerns, {SUPPORTS:,} "
        f"supports in {time.perf_counter() - start:.1f}s. "
        f"The concern page shows the busiest concern: {large_ids['supports']:,} supports."
    )
    large = measure(app, large_ids, counter, rounds=ROUNDS)
    report("Tiny database (1 board, 25 concerns)", small)
    report("Full database", large)
    print("\nSQL queries per request, tiny -> full (must not grow with the data):")
    grew = False
    for name in large:
        grew |= large[name]["queries"] > small[name]["queries"]
        print(f"  {name:24} {small[name]['queries']} -> {large[name]['queries']}")
    ratio = large["board page"]["per_second"] / large["bare Flask route"]["per_second"]
    print(f"\nBoard page throughput / bare Flask route throughput: {ratio:.3f}")
    print(f"(the board page serves 1 request for every {1 / ratio:.0f} of the bare route)")
    if grew:
        print("QUERY COUNT GREW WITH THE DATA")
        sys.exit(1)


if __name__ == "__main__":
    main()
