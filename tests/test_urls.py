"""url_for_each and kept_url_for give the addresses url_for gives, built once."""

from __future__ import annotations

import pytest
from flask import url_for

from portal.urls import kept_url_for, url_for_each


@pytest.mark.parametrize("number", [1, 7, 42, 123456, 987654321, 2**40])
def test_the_same_address_as_url_for(app, number):
    with app.test_request_context("/"):
        assert url_for_each("concerns.show_concern", "concern_id")(number) == url_for(
            "concerns.show_concern", concern_id=number
        )
        assert url_for_each("concerns.set_own_support", "concern_id")(number) == url_for(
            "concerns.set_own_support", concern_id=number
        )


def test_only_whole_numbers(app):
    with app.test_request_context("/"):
        concern_url = url_for_each("concerns.show_concern", "concern_id")
        with pytest.raises(ValueError):
            concern_url("1/../../admin")


BOARD_VALUES = [
    {"board_id": 3},
    {"board_id": 3, "sort": "newest", "status": None, "page": 2},
    {"board_id": 3, "sort": "support", "status": "done", "page": 1, "part": "more"},
    {"board_id": 3, "sort": "a b&c=d", "page": 4},  # words are escaped as url_for does
]


@pytest.mark.parametrize("values", BOARD_VALUES)
def test_a_kept_address_is_the_one_url_for_builds(app, values):
    with app.test_request_context("/"):
        first = kept_url_for("concerns.show_board", **values)
        assert first == url_for("concerns.show_board", **values)
        assert kept_url_for("concerns.show_board", **values) == first


def test_a_kept_address_follows_the_apps_prefix(app):
    with app.test_request_context("/"):
        plain = kept_url_for("concerns.show_board", board_id=3, page=2)
    with app.test_request_context("/", base_url="http://localhost/portal"):
        under = kept_url_for("concerns.show_board", board_id=3, page=2)
    assert plain == "/concerns/boards/3?page=2"
    assert under == "/portal/concerns/boards/3?page=2"


@pytest.mark.parametrize(
    "values",
    [{"_external": True}, {"_anchor": "x"}, {"page": 2.5}, {"page": True}, {"sort": ["a"]}],
)
def test_only_plain_values_are_kept(app, values):
    with app.test_request_context("/"), pytest.raises(TypeError):
        kept_url_for("concerns.show_board", board_id=3, **values)


def test_kept_addresses_are_bounded(app, monkeypatch):
    monkeypatch.setattr("portal.urls.ADDRESSES_KEPT", 5)
    app.extensions.pop("kept_addresses", None)
    with app.test_request_context("/"):
        for page in range(1, 50):
            kept_url_for("concerns.show_board", board_id=3, page=page)
        assert len(app.extensions["kept_addresses"]) == 5
