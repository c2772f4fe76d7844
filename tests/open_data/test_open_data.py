"""Open data holds only what every member can see on the boards, and never a name.

One world with one concern of each kind that must stay out (hidden, waiting for a check, on a
group's board, on an archived board, merged away), one that is open, and sessions for
everyone and for a group. Every file is read in full and searched for what must not be there.
"""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from portal.concerns.models import Concern
from portal.extensions import db
from tests.factories import create_board, create_concern, create_group, create_session, create_user

OPEN_TITLE = "=The lift at the station is broken"
SECRET_TITLES = {
    "hidden": "Hidden concern about the shop",
    "waiting": "Waiting concern about the park",
    "group": "Group concern about the day centre",
    "archived": "Archived concern about the old bus",
    "merged": "Merged concern about the lift",
}


@pytest.fixture
def world(app):
    author = create_user("member", username="rhiannon", display_name="Rhiannon Secretname")
    fan = create_user("member", username="fanuser", display_name="Fan Othername")
    group = create_group("Tuesday group", members=[author])
    board = create_board("Getting about")
    group_board = create_board("Tuesday only", group_id=group.id)
    old_board = create_board("Old board", archived=False)
    shown = create_concern(
        board.id, author.id, OPEN_TITLE, details="It has been broken for weeks.",
        place="12 Secret Road",
    )  # fmt: skip
    create_concern(board.id, author.id, SECRET_TITLES["hidden"], review="hidden")
    create_concern(board.id, author.id, SECRET_TITLES["waiting"], review="waiting")
    create_concern(group_board.id, author.id, SECRET_TITLES["group"])
    create_concern(old_board.id, author.id, SECRET_TITLES["archived"])
    merged = create_concern(board.id, author.id, SECRET_TITLES["merged"])
    with app.app_context():
        from portal.concerns.models import Board
        from portal.concerns.services import set_board_archived, set_support

        set_board_archived(db.session.get(Board, old_board.id), True)
        db.session.execute(
            sa.update(Concern).where(Concern.id == merged.id).values(merged_into_id=shown.id)
        )
        set_support(shown.id, fan.id, True)
        db.session.commit()
    create_session(title="Open session for everyone", online_link="https://meet.example/secret")
    create_session(title="Private group session", group_id=group.id)
    return {"author": author, "fan": fan, "shown": shown}


NAMES = ("Rhiannon", "Secretname", "rhiannon", "Fan Othername", "fanuser")


def _assert_nothing_private(text: str) -> None:
    for title in SECRET_TITLES.values():
        assert title not in text
    for name in NAMES:
        assert name not in text
    assert "12 Secret Road" not in text


def test_json_has_the_open_concern_with_its_count_and_licence_only(client, world):
    response = client.get("/open-data/concerns.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert [c["title"] for c in body["concerns"]] == [OPEN_TITLE]
    [concern] = body["concerns"]
    assert concern["supports"] == 2  # the author and one more
    assert concern["status"] == "new"
    assert concern["details"] == "It has been broken for weeks."
    assert set(concern) == {
        "id", "board", "title", "details", "status", "supports", "raised_at", "status_changed_at"
    }  # fmt: skip
    assert "creativecommons.org" in body["licence"]["url"]
    assert "license" in response.headers["Link"]
    _assert_nothing_private(response.get_data(as_text=True))


def test_csv_is_formula_safe_ends_with_the_licence_and_holds_nothing_private(client, world):
    response = client.get("/open-data/concerns.csv")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["id", "board", "title"]
    assert rows[1][2] == "'" + OPEN_TITLE  # a spreadsheet shows it, never runs it
    assert rows[-1][0] == "licence" and "creativecommons.org" in rows[-1][1]
    assert len(rows) == 3
    _assert_nothing_private(text)


def test_the_calendar_has_the_public_programme_only(client, world):
    response = client.get("/open-data/sessions.ics")
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert "Open session for everyone" in text
    assert "Private group session" not in text
    assert "meet.example" not in text  # the online link is for people coming
    _assert_nothing_private(text)


def test_the_page_explains_and_links_each_file_signed_out(client, world):
    page = client.get("/open-data/").get_data(as_text=True)
    for path in ("/open-data/concerns.csv", "/open-data/concerns.json", "/open-data/sessions.ics"):
        assert path in page
    assert "We never share your name." in page


def test_open_data_is_rate_limited_per_address(app, client, world):
    app.config["OPEN_DATA_RATE_LIMIT"] = "2 per minute"
    try:
        assert client.get("/open-data/concerns.json").status_code == 200
        assert client.get("/open-data/concerns.json").status_code == 200
        assert client.get("/open-data/concerns.json").status_code == 429
    finally:
        app.config["OPEN_DATA_RATE_LIMIT"] = "30 per minute"
