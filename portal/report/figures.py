"""The report's charts, built from its queries in the reader's language.

Each builder runs only its own queries, so a spreadsheet download computes one chart, not all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _

from portal.concerns.labels import status_words
from portal.report import queries
from portal.report.charts import Chart
from portal.report.filters import ReportFilter
from portal.sessions.feedback import FACES
from portal.timefmt import to_local


def month_words(month: str) -> str:
    """'2026-11' -> 'November 2026'."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "MMMM y")


def day_with_year(moment: datetime) -> str:
    """ "Thursday 15 January 2026": a report spans years, so the year is always said."""
    return format_date(to_local(moment).date(), "EEEE d MMMM y")


def took_part_chart(filters: ReportFilter) -> Chart:
    counts = queries.took_part(filters)
    words = {
        "any": _("Took part in any way"),
        "came": _("Came to a session"),
        "raised": _("Raised a concern"),
        "backed": _("Backed a concern"),
        "idea": _("Sent an idea for an agenda"),
        "feedback": _("Said how a session was"),
    }
    return Chart(
        key="took-part",
        title=_("Members who took part"),
        desc=_("How many members did each thing. One person can do many things."),
        label_heading=_("What they did"),
        series=[_("Members")],
        rows=[(words[key], [counts[key]]) for key in ("any", *queries.ACTIVITIES)],
    )


def attendance_chart(filters: ReportFilter) -> Chart:
    months = queries.attendance_by_month(filters)
    return Chart(
        key="attendance",
        title=_("Sessions and who came"),
        desc=_("For each month: sessions held, people who said they were coming, people who came."),
        label_heading=_("Month"),
        series=[_("Sessions"), _("Said they were coming"), _("Came")],
        rows=[(month_words(m.month), [m.sessions, m.said_coming, m.came]) for m in months],
    )


def status_chart(filters: ReportFilter) -> Chart:
    counts = queries.concerns_by_status(filters)
    return Chart(
        key="concerns",
        title=_("Where the concerns are now"),
        desc=_("Concerns raised in this time, by where they are now."),
        label_heading=_("Where it is"),
        series=[_("Concerns")],
        rows=[(status_words(status), [number]) for status, number in counts.items()],
    )


def step_time_chart(filters: ReportFilter) -> Chart:
    steps = queries.days_to_each_step(filters)
    return Chart(
        key="step-days",
        title=_("Days until each step"),
        desc=_(
            "On average, days from raising a concern until an update put it at each step. "
            "Only steps given with an update have a date."
        ),
        label_heading=_("Step"),
        series=[_("Average days"), _("Concerns")],
        rows=[
            (
                status_words(step.status),
                [
                    round(step.average_days, 1) if step.average_days is not None else None,
                    step.concerns,
                ],
            )
            for step in steps
        ],
    )


def top_concerns_chart(filters: ReportFilter) -> Chart:
    top = queries.most_supported(filters)
    return Chart(
        key="most-supported",
        title=_("Concerns with most support"),
        desc=_("The concerns that got most support in this time, and all their support now."),
        label_heading=_("Concern"),
        series=[_("Support in this time"), _("Support now")],
        rows=[(concern.title, [concern.supports_in_span, concern.supports_now]) for concern in top],
    )


def faces_chart(filters: ReportFilter) -> Chart:
    sessions = queries.faces_per_session(filters)
    return Chart(
        key="faces",
        title=_("How the sessions were"),
        desc=_("For each session: how many people chose each face."),
        label_heading=_("Session"),
        series=[str(words) for _picture, words in FACES.values()],
        rows=[
            (f"{s.title}, {day_with_year(s.start_at)}", [s.faces[face] for face in FACES])
            for s in sessions
        ],
    )


def leaders_chart(filters: ReportFilter, training: queries.CoTraining | None = None) -> Chart:
    training = training or queries.co_training(filters)
    return Chart(
        key="led-parts",
        title=_("Who led parts of sessions"),
        desc=_("Members who led a part of a session, and how many parts."),
        label_heading=_("Name"),
        series=[_("Parts led")],
        rows=[(name, [number]) for name, number in training.leaders],
    )


BUILDERS: dict[str, Callable[[ReportFilter], Chart]] = {
    "took-part": took_part_chart,
    "attendance": attendance_chart,
    "concerns": status_chart,
    "step-days": step_time_chart,
    "most-supported": top_concerns_chart,
    "faces": faces_chart,
    "led-parts": leaders_chart,
}


def all_charts(filters: ReportFilter, training: queries.CoTraining | None = None) -> list[Chart]:
    """Every chart; `training` (co-trainers and who led) when the page has it already."""
    return [
        leaders_chart(filters, training) if key == "led-parts" else build(filters)
        for key, build in BUILDERS.items()
    ]
