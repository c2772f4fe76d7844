"""url_for_each gives the addresses url_for gives, built once for a list of rows."""

from __future__ import annotations

import pytest
from flask import url_for

from portal.urls import url_for_each


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
