"""The participation report's numbers: each a fixed number of aggregate queries.

Every function here counts in SQL (GROUP BY, COUNT, SUM, AVG) and returns a few rows, so the
report costs the same number of queries for ten members or ten thousand (bench/report.py).

What a filter means (a span of days, a group, who counts as a member) is in filters.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from portal.accounts.models import User
from portal.accounts.permissions import Permission, holders_of
from portal.agendas.models import Agenda, AgendaItem, AgendaSuggestion
from portal.concerns.models import Concern, ConcernUpdate, Status, Support
from portal.extensions import db
from portal.learning.models import CoTrainerInvite, LedPart
from portal.report.filters import (
    ReportFilter,
    days_between,
    month_of,
    people_counted,
    sessions_held,
)
from portal.sessions.came import Came
from portal.sessions.feedback import FACES, Feedback
from portal.sessions.models import Booking, BookingStatus, TrainingSession

ACTIVITIES = ("came", "raised", "backed", "idea", "feedback")
TOP_CONCERNS = 5
TOP_LEADERS = 10


def took_part(filters: ReportFilter) -> dict[str, int]:
    """How many members did each thing in the span, and `any`: how many did at least one."""
    activity = sa.union_all(
        sa.select(Came.user_id, sa.literal("came").label("kind"))
        .join(TrainingSession, TrainingSession.id == Came.session_id)
        .where(filters.within(TrainingSession.start_at)),
        sa.select(Concern.author_id, sa.literal("raised")).where(
            filters.within(Concern.created_at)
        ),
        sa.select(Support.user_id, sa.literal("backed")).where(filters.within(Support.created_at)),
        sa.select(AgendaSuggestion.user_id, sa.literal("idea")).where(
            filters.within(AgendaSuggestion.created_at)
        ),
        sa.select(Feedback.user_id, sa.literal("feedback")).where(
            filters.within(Feedback.created_at)
        ),
    ).subquery()
    who = activity.c.user_id
    # One pass: a distinct count per kind (CASE leaves the other kinds out) and one for anyone.
    per_kind = [
        sa.func.count(sa.distinct(sa.case((activity.c.kind == name, who), else_=None)))
        for name in ACTIVITIES
    ]
    *counts, anyone = db.session.execute(
        sa.select(*per_kind, sa.func.count(sa.distinct(who))).where(
            who.in_(people_counted(filters))
        )
    ).one()
    return {**dict(zip(ACTIVITIES, counts, strict=True)), "any": anyone}


def new_members(filters: ReportFilter) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(User)
        .where(User.id.in_(people_counted(filters)), filters.within(User.created_at))
    )


@dataclass(frozen=True)
class MonthAttendance:
    month: str  # "2026-11"
    sessions: int
    said_coming: int
    came: int


def attendance_by_month(filters: ReportFilter) -> list[MonthAttendance]:
    """Sessions held each month, how many people said they were coming, and how many came."""
    said = (
        sa.select(sa.func.count(Booking.id))
        .where(Booking.session_id == TrainingSession.id, Booking.status == BookingStatus.GOING)
        .scalar_subquery()
    )
    came = (
        sa.select(sa.func.count(Came.user_id))
        .where(Came.session_id == TrainingSession.id)
        .scalar_subquery()
    )
    per_session = (
        sa.select(
            month_of(TrainingSession.start_at).label("month"),
            said.label("said"),
            came.label("came"),
        )
        .where(sessions_held(filters))
        .subquery()
    )
    rows = db.session.execute(
        sa.select(
            per_session.c.month,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(per_session.c.said), 0),
            sa.func.coalesce(sa.func.sum(per_session.c.came), 0),
        )
        .group_by(per_session.c.month)
        .order_by(per_session.c.month)
    ).all()
    return [MonthAttendance(m, int(n), int(s), int(c)) for m, n, s, c in rows]


def _raised(filters: ReportFilter) -> sa.ColumnElement:
    """Concerns raised in the span by the people counted (a merged duplicate is not one)."""
    return sa.and_(
        filters.within(Concern.created_at),
        Concern.merged_into_id.is_(None),
        Concern.author_id.in_(people_counted(filters)),
    )


def concerns_by_status(filters: ReportFilter) -> dict[Status, int]:
    """Where the concerns raised in the span are now."""
    rows = dict(
        db.session.execute(
            sa.select(Concern.status, sa.func.count())
            .where(_raised(filters))
            .group_by(Concern.status)
        ).all()
    )
    return {status: rows.get(status, 0) for status in Status}


@dataclass(frozen=True)
class StepTime:
    status: Status
    concerns: int  # how many reached this step with a dated update
    average_days: float | None


def days_to_each_step(filters: ReportFilter) -> list[StepTime]:
    """For concerns raised in the span: on average, how many days from being raised until the
    first update that put it at each step. Only updates carry a date for a step: a concern
    whose status was set without one (the demo's, say) is not counted at that step."""
    first = (
        sa.select(
            ConcernUpdate.concern_id,
            ConcernUpdate.status,
            sa.func.min(ConcernUpdate.created_at).label("first_at"),
        )
        .group_by(ConcernUpdate.concern_id, ConcernUpdate.status)
        .subquery()
    )
    rows = {
        status: (count, average)
        for status, count, average in db.session.execute(
            sa.select(
                first.c.status,
                sa.func.count(),
                sa.func.avg(days_between(first.c.first_at, Concern.created_at)),
            )
            .join(Concern, Concern.id == first.c.concern_id)
            .where(_raised(filters))
            .group_by(first.c.status)
        ).all()
    }
    steps = [status for status in Status if status != Status.NEW]
    return [
        StepTime(
            status,
            int(rows.get(status, (0, None))[0]),
            None if rows.get(status, (0, None))[1] is None else float(rows[status][1]),
        )
        for status in steps
    ]


@dataclass(frozen=True)
class TopConcern:
    id: int
    title: str
    status: Status
    supports_in_span: int
    supports_now: int


def most_supported(filters: ReportFilter, limit: int = TOP_CONCERNS) -> list[TopConcern]:
    """The concerns that gained most support in the span, and all the support they have now."""
    gained = sa.func.count(Support.user_id)
    rows = db.session.execute(
        sa.select(Concern.id, Concern.title, Concern.status, gained, Concern.support_count)
        .join(Support, Support.concern_id == Concern.id)
        .where(
            filters.within(Support.created_at),
            Support.user_id.in_(people_counted(filters)),
            Concern.merged_into_id.is_(None),
        )
        .group_by(Concern.id, Concern.title, Concern.status, Concern.support_count)
        .order_by(gained.desc(), Concern.id)
        .limit(limit)
    ).all()
    return [TopConcern(i, t, Status(s), int(g), int(n)) for i, t, s, g, n in rows]


@dataclass(frozen=True)
class SessionFaces:
    id: int
    title: str
    start_at: datetime
    faces: dict[str, int]


def faces_per_session(filters: ReportFilter) -> list[SessionFaces]:
    """For each session held in the span that has feedback: how many chose each face."""
    counts = [sa.func.sum(sa.case((Feedback.face == face, 1), else_=0)) for face in FACES]
    rows = db.session.execute(
        sa.select(TrainingSession.id, TrainingSession.title, TrainingSession.start_at, *counts)
        .join(Feedback, Feedback.session_id == TrainingSession.id)
        .where(sessions_held(filters))
        .group_by(TrainingSession.id, TrainingSession.title, TrainingSession.start_at)
        .order_by(TrainingSession.start_at, TrainingSession.id)
    ).all()
    return [
        SessionFaces(i, t, start, dict(zip(FACES, (int(n or 0) for n in numbers), strict=True)))
        for i, t, start, *numbers in rows
    ]


@dataclass(frozen=True)
class CoTraining:
    co_trainers_now: int
    became_co_trainers: int  # said yes to an invitation in the span
    leaders: list[tuple[str, int]]  # (name, parts led in the span), most first


def co_training(filters: ReportFilter) -> CoTraining:
    """Co-trainers now, new ones in the span, and who led parts of sessions held in the span."""
    people = people_counted(filters)
    now = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(User)
        .where(holders_of(Permission.RUN_SESSIONS), User.id.in_(people))
    )
    became = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(CoTrainerInvite.user_id))).where(
            CoTrainerInvite.answer == "accepted",
            filters.within(CoTrainerInvite.answered_at),
            CoTrainerInvite.user_id.in_(people),
        )
    )
    parts = sa.func.count()
    leaders = db.session.execute(
        sa.select(User.display_name, parts)
        .select_from(LedPart)
        .join(User, User.id == LedPart.user_id)
        .join(AgendaItem, AgendaItem.id == LedPart.item_id)
        .join(Agenda, Agenda.id == AgendaItem.agenda_id)
        .join(TrainingSession, TrainingSession.id == Agenda.session_id)
        .where(sessions_held(filters), User.id.in_(people))
        .group_by(User.id, User.display_name)
        .order_by(parts.desc(), User.display_name, User.id)
        .limit(TOP_LEADERS)
    ).all()
    return CoTraining(now or 0, became or 0, [(name, int(n)) for name, n in leaders])
