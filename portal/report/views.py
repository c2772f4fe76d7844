"""The participation report for staff: one page of charts and tables, each as a spreadsheet."""

from __future__ import annotations

from datetime import date

from flask import abort, g, render_template, request

from portal.accounts.permissions import Permission, permission_required
from portal.converters import database_id
from portal.report import bp, queries
from portal.report.charts import draw
from portal.report.figures import BUILDERS, all_charts
from portal.report.filters import ReportFilter, default_filter, group_choices, sensible_day
from portal.spreadsheets import csv_download

FILTER_KEYS = ("from", "to", "group")


def _day(key: str) -> date | None:
    try:
        day = date.fromisoformat(request.args.get(key, "")[:10])
    except ValueError:
        return None
    return day if sensible_day(day) else None


def read_filter(groups: list[tuple[int, str]] | None = None) -> ReportFilter:
    """The span and group asked for; a missing or unreadable day keeps the last twelve months'."""
    default = default_filter()
    start = _day("from") or default.start
    end = _day("to") or default.end
    if start > end:
        start, end = end, start
    group_id = request.args.get("group", type=database_id)
    known = {number for number, _name in (group_choices() if groups is None else groups)}
    return ReportFilter(start, end, group_id if group_id in known else None)


def _filter_args(filters: ReportFilter) -> dict[str, str]:
    args = {"from": filters.start.isoformat(), "to": filters.end.isoformat()}
    if filters.group_id is not None:
        args["group"] = str(filters.group_id)
    return args


@bp.get("/report")
@permission_required(Permission.SEE_REPORT)
def staff_report():
    """Who took part, sessions, concerns, feedback and co-trainers, for a span and a group."""
    g.no_word_marks = True  # numbers for staff: the glossary marks are for members' pages
    groups = group_choices()
    filters = read_filter(groups)
    training = queries.co_training(filters)
    charts = all_charts(filters, training)
    return render_template(
        "report/report.html",
        filters=filters,
        filter_args=_filter_args(filters),
        groups=groups,
        group_name=dict(groups).get(filters.group_id),
        charts=[(chart, draw(chart)) for chart in charts],
        new_members=queries.new_members(filters),
        training=training,
    )


@bp.get("/report/<key>.csv")
@permission_required(Permission.SEE_REPORT)
def report_csv(key: str):
    """One chart's numbers as a spreadsheet file, for the same span and group."""
    build = BUILDERS.get(key) or abort(404)
    chart = build(read_filter())
    return csv_download(f"report-{key}.csv", chart.header(), chart.table())
