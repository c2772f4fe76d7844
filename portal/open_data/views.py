"""Open data: an easy-read page, concerns as CSV and JSON, and the public programme as iCal.

The addresses stay the same (`/open-data/concerns.csv`, `.json`, `/open-data/sessions.ics`), so
people can build on them. Each carries the licence. Anyone may read them, signed in or not, a
limited number of times a minute from one address (OPEN_DATA_RATE_LIMIT).
"""

from __future__ import annotations

from flask import Response, current_app, jsonify, render_template
from flask_babel import gettext as _

from portal.accounts.permissions import public
from portal.extensions import limiter
from portal.open_data import bp
from portal.open_data.queries import open_concerns, public_programme
from portal.sessions.calendar import calendar_file
from portal.spreadsheets import csv_download
from portal.timeutil import utcnow
from portal.urls import external_url

CSV_HEADER = [
    "id",
    "board",
    "title",
    "details",
    "status",
    "supports",
    "raised_at",
    "status_changed_at",
]


def _limit() -> str:
    return current_app.config["OPEN_DATA_RATE_LIMIT"]


def licence() -> tuple[str, str]:
    """The licence's name and address, from OPEN_DATA_LICENCE ("name address")."""
    name, _space, url = current_app.config["OPEN_DATA_LICENCE"].rpartition(" ")
    return (name, url) if url.startswith("http") and name else (url, "")


def _stamp(moment) -> str:
    return moment.isoformat(timespec="seconds") + "Z"


@bp.get("/")
@public
def open_data_page():
    """What the open data is, what it never holds, and the links to it."""
    name, url = licence()
    return render_template("open_data/open_data.html", licence_name=name, licence_url=url)


@bp.get("/concerns.csv")
@public
@limiter.limit(_limit)
def concerns_csv():
    """Open concerns as a spreadsheet, formula-safe; the last row names the licence."""
    name, url = licence()

    def rows():
        for concern in open_concerns():
            yield [
                concern.id,
                concern.board,
                concern.title,
                concern.details,
                concern.status,
                concern.supports,
                _stamp(concern.raised_at),
                _stamp(concern.status_changed_at),
            ]
        yield ["licence", f"{name} {url}".strip()]

    response = csv_download("concerns.csv", CSV_HEADER, rows())
    _add_licence_link(response, url)
    return response


@bp.get("/concerns.json")
@public
@limiter.limit(_limit)
def concerns_json():
    """Open concerns as JSON, with the licence and where they came from."""
    name, url = licence()
    body = {
        "licence": {"name": name, "url": url},
        "source": external_url("open_data.open_data_page"),
        "made_at": _stamp(utcnow()),
        "concerns": [
            {
                "id": concern.id,
                "board": concern.board,
                "title": concern.title,
                "details": concern.details,
                "status": concern.status,
                "supports": concern.supports,
                "raised_at": _stamp(concern.raised_at),
                "status_changed_at": _stamp(concern.status_changed_at),
            }
            for concern in open_concerns()
        ],
    }
    response = jsonify(body)
    _add_licence_link(response, url)
    return response


@bp.get("/sessions.ics")
@public
@limiter.limit(_limit)
def sessions_ics():
    """The public programme (sessions for everyone) as a calendar feed to subscribe to."""
    body = calendar_file(public_programme(), _("What's on"))
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="sessions.ics"'
    _add_licence_link(response, licence()[1])
    return response


def _add_licence_link(response: Response, url: str) -> None:
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    if url:
        response.headers["Link"] = f'<{url}>; rel="license"'
