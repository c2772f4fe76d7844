"""What the report counts over: a span of days and, if chosen, a group; and the SQL pieces every
count shares (who is counted, which sessions, a month, days between two times).

With a group, the report counts that group's members and what they did, and only the sessions
for that group. "Members" means everyone but staff (people who look after people's accounts):
staff running the programme are not its reach. Days are UTC days, as the database stores times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from portal.accounts.models import User
from portal.accounts.permissions import Permission, lacking
from portal.extensions import db
from portal.groups.models import Group, group_member
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow

# Days a report can ask about: anything else is a typing slip (and 9999-12-31 has no next day).
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2999, 12, 31)


def sensible_day(day: date | None) -> bool:
    return day is not None and FIRST_DAY <= day <= LAST_DAY


@dataclass(frozen=True)
class ReportFilter:
    start: date
    end: date  # the last day counted, inclusive
    group_id: int | None = None

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def within(self, column) -> sa.ColumnElement:
        return sa.and_(column >= self.since, column < self.until)


def default_filter(today: date | None = None) -> ReportFilter:
    """The last twelve months, up to today."""
    today = today or utcnow().date()
    return ReportFilter(start=today - timedelta(days=365), end=today)


def group_choices() -> list[tuple[int, str]]:
    """(id, name) of every group, for the filter: names only, not each group's members."""
    return [
        tuple(row)
        for row in db.session.execute(sa.select(Group.id, Group.name).order_by(Group.name))
    ]


def people_counted(filters: ReportFilter) -> sa.Select:
    """The ids of the people the report counts: members (not staff), of the group if chosen."""
    people = sa.select(User.id).where(lacking(Permission.MANAGE_PEOPLE))
    if filters.group_id is not None:
        people = people.where(
            User.id.in_(
                sa.select(group_member.c.user_id).where(group_member.c.group_id == filters.group_id)
            )
        )
    return people


def sessions_held(filters: ReportFilter) -> sa.ColumnElement:
    """Sessions held in the span (not cancelled, started by now), for the group if chosen."""
    held = sa.and_(
        filters.within(TrainingSession.start_at),
        TrainingSession.start_at <= utcnow(),
        TrainingSession.cancelled_at.is_(None),
    )
    if filters.group_id is not None:
        held = sa.and_(held, TrainingSession.group_id == filters.group_id)
    return held


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def month_of(column) -> sa.ColumnElement:
    """'2026-11': the month of a time, in each database's own words."""
    if _dialect() == "postgresql":
        return sa.func.to_char(column, "YYYY-MM")
    return sa.func.strftime("%Y-%m", column)


def days_between(later, earlier) -> sa.ColumnElement:
    if _dialect() == "postgresql":
        return sa.func.extract("epoch", later - earlier) / 86400.0
    return sa.func.julianday(later) - sa.func.julianday(earlier)
