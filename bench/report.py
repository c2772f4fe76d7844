"""Benchmark for the participation report: a year of data for 2,000 members.

    .venv/bin/python bench/report.py            # SQLite in a temporary folder
    DATABASE_URL=postgresql://... .venv/bin/python bench/report.py   # an EMPTY PostgreSQL db

Seeds a small year first (60 members), measures the staff report page, then seeds a full year
(2,000 members in 5 groups, 156 sessions with 40 said-coming and 30 who came each, 15 faces
each, 1,000 concerns with 20,000 supports and 2,000 updates, 400 ideas, 300 parts led) and
measures again: the report's median and 95th percentile time, its SQL query count (which must
be the same for both: every number is counted in SQL), and one chart's spreadsheet. Target:
under 0.5 s for the full year, for everyone and for one group.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchkit import QueryCounter, make_app

from portal.extensions import db

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
PASSWORD = "bench-password-long-enough"  # noqa: S105 (a throwaway database)
TARGET_SECONDS = 0.5


def seed_staff(app) -> None:
    from portal.accounts.models import Role
    from portal.people.services import create_person

    with app.app_context():
        create_person(
            display_name="Bench Staff",
            username="staff",
            role=Role.STAFF,
            language="en",
            password=PASSWORD,
        )
        db.session.commit()


def seed_year(app, label: str, members: int, sessions: int, concerns: int) -> int:
    """A year of everything the report counts, in bulk; returns one group's id."""
    from portal.accounts.models import Role, User
    from portal.agendas.models import Agenda, AgendaItem, AgendaSuggestion
    from portal.concerns.models import Board, Concern, ConcernUpdate, Status, Support
    from portal.groups.models import Group, group_member
    from portal.learning.models import LedPart
    from portal.sessions.came import Came
    from portal.sessions.feedback import Feedback
    from portal.sessions.models import Booking, TrainingSession
    from portal.timeutil import utcnow

    rng = random.Random(members)
    now = utcnow().replace(microsecond=0)
    year_ago = now - timedelta(days=365)

    def some_day():
        return year_ago + timedelta(minutes=rng.randint(0, 365 * 24 * 60 - 1))

    with app.app_context():
        hashed = db.session.scalar(sa.select(User.password_hash).where(User.username == "staff"))
        db.session.execute(
            sa.insert(User),
            [
                {
                    "username": f"{label}-{i}",
                    "display_name": f"Member {label} {i}",
                    "role": Role.CO_TRAINER if i % 100 == 0 else Role.MEMBER,
                    "active": True,
                    "language": "en",
                    "password_hash": hashed,
                    "created_at": some_day(),
                }
                for i in range(members)
            ],
        )
        people = list(
            db.session.scalars(sa.select(User.id).where(User.username.like(f"{label}-%")))
        )
        groups = []
        for g in range(5):
            group = Group(name=f"Group {label} {g}")
            db.session.add(group)
            db.session.flush()
            groups.append(group.id)
        db.session.execute(
            sa.insert(group_member),
            [{"group_id": groups[i % 5], "user_id": uid} for i, uid in enumerate(people)],
        )
        db.session.execute(
            sa.insert(TrainingSession),
            [
                {
                    "title": f"Session {label} {i}",
                    "summary": "",
                    "picture": "sessions",
                    "start_at": year_ago + timedelta(days=i * 365 // sessions, hours=10),
                    "end_at": year_ago + timedelta(days=i * 365 // sessions, hours=13),
                    "place_name": "Hall",
                    "address": "1 High Street",
                    "group_id": groups[i % 5] if i % 2 else None,
                    "places": 60,
                    "created_at": year_ago,
                }
                for i in range(sessions)
            ],
        )
        session_ids = list(
            db.session.scalars(
                sa.select(TrainingSession.id).where(
                    TrainingSession.title.like(f"Session {label} %")
                )
            )
        )
        bookings, came, faces, agendas = [], [], [], []
        for sid in session_ids:
            coming = rng.sample(people, min(40, len(people)))
            bookings += [{"session_id": sid, "user_id": u, "status": "going"} for u in coming]
            here = coming[: len(coming) * 3 // 4]
            came += [{"session_id": sid, "user_id": u} for u in here]
            faces += [
                {"session_id": sid, "user_id": u, "face": rng.choice(["good", "ok", "not_good"])}
                for u in here[:15]
            ]
            agendas.append({"session_id": sid})
        db.session.execute(sa.insert(Booking), bookings)
        db.session.execute(sa.insert(Came), came)
        db.session.execute(sa.insert(Feedback), faces)
        db.session.execute(sa.insert(Agenda), agendas)
        agenda_ids = list(
            db.session.scalars(sa.select(Agenda.id).where(Agenda.session_id.in_(session_ids)))
        )
        db.session.execute(
            sa.insert(AgendaItem),
            [
                {"agenda_id": a, "position": p, "title": "Part", "minutes": 20}
                for a in agenda_ids
                for p in range(2)
            ],
        )
        items = list(
            db.session.scalars(sa.select(AgendaItem.id).where(AgendaItem.agenda_id.in_(agenda_ids)))
        )
        db.session.execute(
            sa.insert(LedPart),
            [
                {"item_id": item, "user_id": rng.choice(people)}
                for item in items[: min(300, len(items))]
            ],
        )
        db.session.execute(
            sa.insert(AgendaSuggestion),
            [
                {
                    "agenda_id": rng.choice(agenda_ids),
                    "user_id": rng.choice(people),
                    "title": "An idea",
                    "status": "waiting",
                    "created_at": some_day(),
                }
                for _ in range(max(concerns * 2 // 5, 1))
            ],
        )
        board = Board(name=f"Board {label}", picture="bus")
        db.session.add(board)
        db.session.flush()
        statuses = list(Status)
        db.session.execute(
            sa.insert(Concern),
            [
                {
                    "board_id": board.id,
                    "author_id": rng.choice(people),
                    "title": f"Concern {i}",
                    "picture": "bus",
                    "status": rng.choice(statuses),
                    "created_at": some_day(),
                    "support_count": 20,
                }
                for i in range(concerns)
            ],
        )
        concern_rows = db.session.execute(
            sa.select(Concern.id, Concern.created_at).where(Concern.board_id == board.id)
        ).all()
        supports, updates = [], []
        for cid, raised in concern_rows:
            for uid in rng.sample(people, min(20, len(people))):
                supports.append({"concern_id": cid, "user_id": uid, "created_at": some_day()})
            for step in rng.sample(statuses[1:], 2):
                updates.append(
                    {
                        "concern_id": cid,
                        "author_id": people[0],
                        "status": step,
                        "words": "News",
                        "created_at": raised + timedelta(days=rng.randint(1, 60)),
                    }
                )
        db.session.execute(sa.insert(Support), supports)
        db.session.execute(sa.insert(ConcernUpdate), updates)
        db.session.commit()
        return groups[0]


def time_report(client, counter, url: str) -> tuple[float, float, int]:
    assert client.get(url).status_code == 200, url
    times, counts = [], []
    for _ in range(ROUNDS):
        counter.count = 0
        started = time.perf_counter()
        response = client.get(url)
        response.get_data()
        times.append(time.perf_counter() - started)
        counts.append(counter.count)
        assert response.status_code == 200
    p95 = statistics.quantiles(times, n=20)[18] if len(times) >= 2 else times[0]
    return statistics.median(times), p95, max(counts)


def main() -> None:
    # Signing in by password counts tries with the rate limiter, so it stays on (in memory).
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    print(f"database: {app.config['SQLALCHEMY_DATABASE_URI'].split('://')[0]}, rounds: {ROUNDS}")
    seed_staff(app)
    with app.app_context():
        counter = QueryCounter(db.engine)
    client = app.test_client()
    # The portal's address is https://localhost: its sign-in cookie is for https only.
    client.environ_base.update({"wsgi.url_scheme": "https", "HTTP_HOST": "localhost"})
    client.get("/sign-in")  # a post without our session cookie may set none (cross_site.py)
    signed_in = client.post("/sign-in", data={"username": "staff", "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.status_code
    results = {}
    for label, members, sessions, concerns in (("small", 60, 12, 30), ("year", 2_000, 156, 1_000)):
        started = time.perf_counter()
        group = seed_year(app, label, members, sessions, concerns)
        print(
            f"{label}: +{members} members, {sessions} sessions, {concerns} concerns "
            f"(seeded in {time.perf_counter() - started:.1f}s)"
        )
        for page, url in (
            ("report, everyone", "/report"),
            ("report, one group", f"/report?group={group}"),
            ("one chart as CSV", "/report/faces.csv"),
        ):
            median, p95, queries = time_report(client, counter, url)
            results[(label, page)] = (median, queries)
            print(
                f"  {page:<18} median {median * 1000:6.1f} ms, p95 {p95 * 1000:6.1f} ms, "
                f"{queries} SQL queries"
            )
    print("full year against small year:")
    for page in ("report, everyone", "report, one group", "one chart as CSV"):
        small, year = results[("small", page)], results[("year", page)]
        same = "same: good" if small[1] == year[1] else "GREW: fix this"
        target = "under" if year[0] < TARGET_SECONDS else "OVER"
        print(
            f"  {page:<18} time x{year[0] / small[0]:.2f}, queries {small[1]} -> {year[1]} ({same}); "
            f"{target} the {TARGET_SECONDS} s target"
        )


if __name__ == "__main__":
    main()
