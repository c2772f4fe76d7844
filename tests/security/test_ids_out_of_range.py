"""Ids past the database's integer range are "not found" (404) or left out, never a 500."""

from __future__ import annotations

import pytest

from portal.converters import LARGEST_ID, database_id
from tests.factories import create_board, create_concern, create_session

TOO_BIG = "99999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        f"/sessions/{TOO_BIG}",
        f"/sessions/{LARGEST_ID + 1}",
        "/concerns/3000000000",
        f"/concerns/boards/{TOO_BIG}",
        f"/whats-new/{TOO_BIG}",
        f"/agendas/session/{TOO_BIG}/print",
    ],
)
def test_an_id_past_the_integer_range_in_the_address_is_not_found(client_as, path):
    assert client_as("member").get(path).status_code == 404


def test_the_largest_id_still_reaches_the_view(client_as):
    # Matched by the route, looked up, and simply not there.
    assert client_as("member").get(f"/sessions/{LARGEST_ID}").status_code == 404


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("staff", f"/security-log?person={TOO_BIG}"),
        ("staff", f"/moderation/log?moderator={TOO_BIG}&concern={TOO_BIG}"),
        ("staff", "/moderation/log?concern=%C2%B2"),
    ],
)
def test_a_query_value_past_the_range_is_left_out(client_as, role, path):
    assert client_as(role).get(path).status_code == 200


def test_agenda_history_ignores_a_huge_item_or_before(client_as, co_trainer):
    session = create_session(trainers=[co_trainer])
    url = f"/agendas/session/{session.id}/history?item={TOO_BIG}&before={TOO_BIG}"
    assert client_as("co_trainer").get(url).status_code == 200


def test_a_huge_number_of_places_gets_the_fields_own_message(client_as):
    response = client_as("staff").post_form("/sessions/new", {"places": TOO_BIG})
    assert response.status_code == 422
    assert "Type a number of places: 1 or more." in response.get_data(as_text=True)


def test_a_huge_concern_number_to_merge_into_gets_an_easy_read_message(client_as, member):
    concern = create_concern(create_board().id, member.id)
    response = client_as("staff").post_form(
        f"/moderation/concerns/{concern.id}/merge", {"keep_id": TOO_BIG}
    )
    assert response.status_code == 422
    assert "Type the number of the concern to keep." in response.get_data(as_text=True)


def test_bulk_moderation_skips_a_ticked_item_past_the_range(client_as):
    response = client_as("staff").post_form(
        "/moderation/bulk",
        {"action": "approve", "item": [f"concern:{TOO_BIG}", "concern:²"]},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Tick at least one item first." in response.get_data(as_text=True)


@pytest.mark.parametrize("value", [TOO_BIG, str(LARGEST_ID + 1), "-1", "²", "1_000", "", "a"])
def test_database_id_refuses_what_no_id_column_holds(value):
    with pytest.raises(ValueError):
        database_id(value)


@pytest.mark.parametrize(("value", "number"), [("0", 0), ("12", 12), (str(LARGEST_ID), LARGEST_ID)])
def test_database_id_reads_ordinary_ids(value, number):
    assert database_id(value) == number


def test_a_number_box_with_no_check_of_its_own_says_what_to_type(app):
    from portal.forms import PortalForm, WholeNumberField

    class CountForm(PortalForm):
        count = WholeNumberField("Count")

    with app.test_request_context(method="POST", data={"count": TOO_BIG}):
        form = CountForm(meta={"csrf": False})
        assert not form.validate()
        assert form.count.errors == ["Type a number, like 12."]
