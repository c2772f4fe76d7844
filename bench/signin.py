"""How long checking a sign-in card code takes, and whether the time gives anything away.

    .venv/bin/python bench/signin.py

A right code, a wrong code for a real card, and a code that matches no card should take about
the same time (ratios near 1.0), so timing never tells an attacker a card exists. Uses the
production Argon2 settings and a throwaway SQLite database with 500 cards.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from portal import create_app
from portal.accounts.models import Role
from portal.extensions import db
from portal.people.services import create_person
from portal.signin.cards import ALPHABET, find_card_for_code, make_card

# Production settings need the portal's own address (links are built from it).
BENCH_URL = "https://localhost"

CARDS = 500
ROUNDS = 15


def _timed(code: str) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        find_card_for_code(code)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _person(number: int) -> object:
    return create_person(
        display_name=f"Member {number}",
        username=f"m{number}",
        role=Role.MEMBER,
        language="en",
        password="x" * 12,
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
            "SECRET_KEY": "x",
            "PORTAL_URL": BENCH_URL,
        }
    )
    with app.app_context():
        db.create_all()
        app.config["ARGON2_PROFILE"] = "fast-for-tests"  # quick to make many cards
        staff = _person(-1)
        codes = [make_card(_person(number), by=staff)[1] for number in range(CARDS)]
        # One card made with the production settings: that is the cost a real check pays.
        app.config["ARGON2_PROFILE"] = "default"
        right = make_card(_person(CARDS), by=staff)[1]
        db.session.commit()
        wrong = right[:3] + next(c for c in ALPHABET if c != right[3]) + right[4:]
        taken = {code[:3] for code in codes} | {right[:3]}
        unknown = next(
            a + b + c + "AAAAA"
            for a in ALPHABET
            for b in ALPHABET
            for c in ALPHABET
            if a + b + c not in taken
        )
        with app.test_request_context():
            right_s, wrong_s, unknown_s = _timed(right), _timed(wrong), _timed(unknown)
    print(f"cards in the database:        {CARDS + 1}")
    print(f"right code:                   {right_s * 1000:7.1f} ms")
    print(f"wrong code for a real card:   {wrong_s * 1000:7.1f} ms")
    print(f"code that matches no card:    {unknown_s * 1000:7.1f} ms")
    print(f"wrong / right:                {wrong_s / right_s:7.2f}")
    print(f"no card / right:              {unknown_s / right_s:7.2f}")


if __name__ == "__main__":
    main()
