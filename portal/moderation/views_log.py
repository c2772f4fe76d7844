"""The moderation log: every decision, newest first, filterable, and as a spreadsheet file."""

from __future__ import annotations

from datetime import date

from flask import render_template, request
from flask_babel import gettext as _

from portal.accounts.permissions import Permission, permission_required
from portal.converters import database_id
from portal.moderation import bp, queries
from portal.moderation.labels import ACTIONS, action_words
from portal.pagination import page_number
from portal.spreadsheets import csv_download

# Only these query keys go back into the page's links: anything else in the address (say
# underscore keys such as external or method, which url_for would act on) is dropped.
FILTER_KEYS = ("action", "since", "moderator", "concern")


def _filter_args() -> dict[str, str]:
    return {key: request.args[key] for key in FILTER_KEYS if request.args.get(key)}


def _filters() -> queries.LogFilter:
    action = request.args.get("action", "")
    since = None
    try:
        since = date.fromisoformat(request.args.get("since", ""))
    except ValueError:
        since = None
    return queries.LogFilter(
        action=action if action in ACTIONS else "",
        moderator_id=request.args.get("moderator", type=database_id),
        concern_id=request.args.get("concern", type=database_id),
        since=since,
    )


@bp.get("/log")
@permission_required(Permission.MODERATE)
def log():
    """Who did what, when and why, with the words before and after."""
    filters = _filters()
    page = page_number()
    entries, has_more = queries.list_log(filters, page)
    return render_template(
        "moderation/log.html",
        entries=entries,
        items=queries.log_item_authors(entries),
        has_more=has_more,
        page=page,
        filters=filters,
        filter_args=_filter_args(),
        actions=ACTIONS,
        moderators=queries.list_moderators(),
    )


@bp.get("/log.csv")
@permission_required(Permission.MODERATE)
def log_csv():
    """The log (with the same filters) as a spreadsheet file, oldest first."""
    filters = _filters()
    header = [
        _("When"),
        _("Who"),
        _("What"),
        _("Item"),
        _("Number"),
        _("Why"),
        _("Note"),
        _("Words before"),
        _("Words after"),
    ]
    system = _("The portal")

    def rows():
        for entry in queries.all_log(filters):
            yield [
                entry.created_at.isoformat(timespec="seconds"),
                entry.moderator.display_name if entry.moderator else system,
                action_words(entry.action),
                entry.item_kind,
                entry.item_id,
                entry.reason,
                entry.note,
                entry.before_text,
                entry.after_text,
            ]

    return csv_download("moderation-log.csv", header, rows())
