"""The report page, its spreadsheets and who may see them, against the world in conftest.py."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import datetime

import pytest
import sqlalchemy as sa

from portal.concerns.models import Support
from portal.extensions import db
from tests.factories import create_concern, create_user

SPAN = {"from": "2026-01-01", "to": "2026-03-31"}


def _chart(page: str, key: str) -> str:
    match = re.search(
        rf'<section class="card report-chart" aria-labelledby="{key}-heading">(.*?)</section>',
        page,
        re.S,
    )
    assert match, key
    return match.group(1)


def _desc(section: str) -> str:
    return html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", section, re.S).group(1))


def _table(section: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", section, re.S).group(1)
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_picture_and_the_table_carry_the_same_numbers(client_as, world):
    page = client_as("staff").get("/report", query_string=SPAN).get_data(as_text=True)
    took_part = _chart(page, "took-part")
    assert '<title id="took-part-svg-title">Members who took part</title>' in took_part
    assert _table(took_part) == [
        ["Took part in any way", "4"],
        ["Came to a session", "4"],
        ["Raised a concern", "3"],
        ["Backed a concern", "4"],
        ["Sent an idea for an agenda", "1"],
        ["Said how a session was", "4"],
    ]
    desc = _desc(took_part)
    for label, number in _table(took_part):
        assert f"{label}: Members {number}." in desc
    attendance = _chart(page, "attendance")
    assert _table(attendance) == [["January 2026", "1", "3", "3"], ["February 2026", "1", "2", "3"]]
    assert "February 2026: Sessions 1, Said they were coming 2, Came 3." in _desc(attendance)
    steps = _chart(page, "step-days")
    assert ["Done", "10.0", "1"] in _table(steps)
    assert "Done: Average days 10.0, Concerns 1." in _desc(steps)
    assert _table(_chart(page, "faces")) == [
        ["January meeting, Thursday 15 January 2026", "1", "1", "0"],
        ["Newport meeting, Tuesday 10 February 2026", "2", "0", "1"],
    ]
    assert _table(_chart(page, "led-parts")) == [["Alex Rivera", "2"], ["Sam Jones", "1"]]
    assert "New members: 3" in page


def test_a_group_and_a_shorter_span(client_as, world):
    staff = client_as("staff")
    page = staff.get("/report", query_string={**SPAN, "group": world["newport"]}).get_data(
        as_text=True
    )
    assert _table(_chart(page, "took-part"))[0] == ["Took part in any way", "2"]
    assert _table(_chart(page, "attendance")) == [["February 2026", "1", "2", "3"]]
    page = staff.get("/report", query_string={"from": "2026-02-01", "to": "2026-02-28"}).get_data(
        as_text=True
    )
    assert _table(_chart(page, "most-supported")) == [["The street is dark", "1", "1"]]


@pytest.mark.parametrize(
    "query",
    [
        {"from": "not a day", "to": "2026-13-45"},
        {"from": "2026-03-31", "to": "2026-01-01"},  # the wrong way round: taken the right way
        {"group": "99999999999999999999"},
        {"group": "2147483647"},
        {"from": "2026-01-01\x00", "to": "9999-12-31"},
    ],
)
def test_odd_filters_still_give_the_report(client_as, world, query):
    response = client_as("staff").get("/report", query_string=query)
    assert response.status_code == 200


def test_the_wrong_way_round_is_the_same_span(client_as, world):
    staff = client_as("staff")
    backwards = staff.get("/report", query_string={"from": "2026-03-31", "to": "2026-01-01"})
    page = backwards.get_data(as_text=True)
    assert _table(_chart(page, "took-part"))[0] == ["Took part in any way", "4"]


def test_each_chart_downloads_as_a_safe_spreadsheet(app, client_as, world):
    with_formula = create_user("member", username="eve", display_name="=HYPERLINK(1)")
    concern = create_concern(world["board"], with_formula.id, title="=cmd|' /C calc'!A0")
    with app.app_context():  # raising a concern supports it: that support was in March
        db.session.execute(
            sa.update(Support)
            .where(Support.concern_id == concern.id)
            .values(created_at=datetime(2026, 3, 2))
        )
        db.session.commit()
    staff = client_as("staff")
    response = staff.get("/report/most-supported.csv", query_string=SPAN)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Concern", "Support in this time", "Support now"]
    assert rows[1] == ["The bus is late", "3", "4"]
    assert ["'=cmd|' /C calc'!A0", "1", "1"] in rows
    attendance = list(
        csv.reader(
            io.StringIO(
                staff.get("/report/attendance.csv", query_string=SPAN).get_data(as_text=True)
            )
        )
    )
    assert attendance[1:] == [["January 2026", "1", "3", "3"], ["February 2026", "1", "2", "3"]]


def test_an_unknown_chart_is_not_found(client_as, world):
    assert client_as("staff").get("/report/nothing.csv").status_code == 404


@pytest.mark.parametrize("role", ["member", "co_trainer"])
def test_only_staff_see_the_report(client_as, role):
    signed_in = client_as(role)
    for path in ("/report", "/report/took-part.csv", "/report/story"):
        assert signed_in.get(path).status_code == 403, path
    assert signed_in.post_form("/report/story", {"from_day": "2026-01-01"}).status_code == 403


def test_a_supporter_is_refused_and_a_stranger_signs_in_first(client, app):
    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    client.sign_in_as(kim)
    assert client.get("/report").status_code == 403
    client.post_form("/sign-out")
    response = client.get("/report")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_the_report_has_no_glossary_marks_but_members_pages_do(app, client_as, world):
    from portal.words.services import load_starting_words

    with app.app_context():
        load_starting_words()
        db.session.commit()
    report = client_as("staff").get("/report", query_string=SPAN).get_data(as_text=True)
    assert "Came to a session" in report and "word-mark" not in report
    help_page = client_as("member").get("/help").get_data(as_text=True)
    assert "word-mark" in help_page
