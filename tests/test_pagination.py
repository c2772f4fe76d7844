"""portal/pagination.py: the page number asked for, and one page of rows with "is there more?"."""

import pytest
import sqlalchemy as sa

from portal.accounts.models import User
from portal.pagination import one_page, page_number


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 1),
        ("?page=3", 3),
        ("?page=abc", 1),
        ("?page=-4", 1),
        ("?page=0", 1),
        ("?page=99999999999", 10_000),
    ],
)
def test_page_number_is_always_a_page_we_allow(app, query, expected):
    with app.test_request_context(f"/{query}"):
        assert page_number() == expected


def test_page_number_can_stop_lower(app):
    with app.test_request_context("/?page=5000"):
        assert page_number(highest=1000) == 1000


def test_one_page_says_when_more_follow(app, users_by_role):
    by_name = sa.select(User.username).order_by(User.username)
    with app.app_context():
        assert one_page(by_name, 1, 2) == (["alex", "jo"], True)
        assert one_page(by_name, 2, 2) == (["sam"], False)
        rows, more = one_page(by_name, 1, 2, whole_rows=True)
        assert [row.username for row in rows] == ["alex", "jo"] and more
