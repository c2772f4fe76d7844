"""The report's numbers against the small world in conftest.py, whose answers were counted by
hand: Jo is staff and never counted; the cancelled and April sessions are outside."""

from __future__ import annotations

from datetime import date

import pytest

from portal.concerns.models import Status
from portal.report import queries
from portal.report.filters import ReportFilter

SPAN = ReportFilter(date(2026, 1, 1), date(2026, 3, 31))


@pytest.fixture
def newport(world):
    return ReportFilter(SPAN.start, SPAN.end, world["newport"])


def test_who_took_part(app, world, newport):
    with app.app_context():
        assert queries.took_part(SPAN) == {
            "came": 4,  # Sam, Ria, Mo, Alex (not Jo)
            "raised": 3,  # bus, dark street, noisy hall (not Jo's, not April's)
            "backed": 4,  # Mo, Ria, Alex on the bus; Sam on the dark street
            "idea": 1,  # Ria
            "feedback": 4,
            "any": 4,
        }
        assert queries.took_part(newport) == {
            "came": 2, "raised": 2, "backed": 2, "idea": 0, "feedback": 2, "any": 2,
        }  # fmt: skip


def test_new_members(app, world, newport):
    with app.app_context():
        assert queries.new_members(SPAN) == 3  # Sam, Mo, Alex; Ria joined in 2025; Jo is staff
        assert queries.new_members(newport) == 2
        assert queries.new_members(ReportFilter(date(2026, 2, 1), date(2026, 2, 28))) == 1


def test_sessions_said_coming_and_came(app, world, newport):
    with app.app_context():
        rows = [
            (m.month, m.sessions, m.said_coming, m.came) for m in queries.attendance_by_month(SPAN)
        ]
        assert rows == [("2026-01", 1, 3, 3), ("2026-02", 1, 2, 3)]
        rows = [
            (m.month, m.sessions, m.said_coming, m.came)
            for m in queries.attendance_by_month(newport)
        ]
        assert rows == [("2026-02", 1, 2, 3)]
        whole_year = ReportFilter(date(2026, 1, 1), date(2026, 4, 30))
        assert [m.month for m in queries.attendance_by_month(whole_year)] == [
            "2026-01", "2026-02", "2026-04",
        ]  # fmt: skip


def test_concerns_by_status_and_days_to_each_step(app, world, newport):
    with app.app_context():
        counts = queries.concerns_by_status(SPAN)
        assert counts[Status.NEW] == 1 and counts[Status.ACTION] == 1 and counts[Status.DONE] == 1
        assert counts[Status.TALKING] == counts[Status.AGENDA] == counts[Status.CLOSED] == 0
        assert queries.concerns_by_status(newport)[Status.NEW] == 0
        steps = {
            step.status: (step.concerns, step.average_days)
            for step in queries.days_to_each_step(SPAN)
        }
        assert steps[Status.TALKING] == (1, pytest.approx(2.0))
        assert steps[Status.ACTION] == (1, pytest.approx(5.0))
        assert steps[Status.DONE] == (1, pytest.approx(10.0))  # the first update that said done
        assert steps[Status.AGENDA] == (0, None)
        assert Status.NEW not in steps


def test_most_supported(app, world, newport):
    with app.app_context():
        top = [(c.title, c.supports_in_span, c.supports_now) for c in queries.most_supported(SPAN)]
        assert top == [("The bus is late", 3, 4), ("The street is dark", 1, 1)]
        top = [(c.title, c.supports_in_span) for c in queries.most_supported(newport)]
        assert top == [("The bus is late", 1), ("The street is dark", 1)]
        february = ReportFilter(date(2026, 2, 1), date(2026, 2, 28))
        assert [c.title for c in queries.most_supported(february)] == ["The street is dark"]


def test_faces_per_session(app, world, newport):
    with app.app_context():
        rows = [(s.title, s.faces) for s in queries.faces_per_session(SPAN)]
        assert rows == [
            ("January meeting", {"good": 1, "ok": 1, "not_good": 0}),
            ("Newport meeting", {"good": 2, "ok": 0, "not_good": 1}),
        ]
        assert [s.title for s in queries.faces_per_session(newport)] == ["Newport meeting"]


def test_co_trainers_and_who_led(app, world, newport):
    with app.app_context():
        training = queries.co_training(SPAN)
        assert training.co_trainers_now == 1
        assert training.became_co_trainers == 1
        assert training.leaders == [("Alex Rivera", 2), ("Sam Jones", 1)]
        assert queries.co_training(newport).leaders == [("Sam Jones", 1)]
        assert queries.co_training(newport).co_trainers_now == 0


def test_an_empty_span_counts_nothing(app, world):
    with app.app_context():
        nothing = ReportFilter(date(2020, 1, 1), date(2020, 1, 31))
        assert queries.took_part(nothing)["any"] == 0
        assert queries.attendance_by_month(nothing) == []
        assert queries.most_supported(nothing) == []
        assert all(step.average_days is None for step in queries.days_to_each_step(nothing))
