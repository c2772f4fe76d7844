"""One page of a long list at a time: the page asked for, and its rows with "is there more?"."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import request

from portal.extensions import db

HIGHEST_PAGE = 10_000  # past this a number is a typo or a probe: show the last page we allow


def page_number(highest: int = HIGHEST_PAGE) -> int:
    """The `?page=` asked for, from 1 to `highest`; anything that is not a number is page 1."""
    return min(max(request.args.get("page", 1, type=int) or 1, 1), highest)


def one_page(
    statement: sa.Select, page: int, per_page: int, *, whole_rows: bool = False
) -> tuple[list[Any], bool]:
    """The rows of `page`, and True when another page follows.

    One row more than a page is fetched, so "See more" shows only when there is more, without
    a second query to count them all.
    """
    statement = statement.limit(per_page + 1).offset((max(page, 1) - 1) * per_page)
    rows = list(
        db.session.execute(statement).all() if whole_rows else db.session.scalars(statement)
    )
    return rows[:per_page], len(rows) > per_page


def paged(statement: sa.Select) -> sa.Select:
    """`statement` with its page's LIMIT and OFFSET as bound parameters, for one built once
    (portal/statements.py); `one_built_page` supplies them."""
    return statement.limit(sa.bindparam("page_limit")).offset(sa.bindparam("page_offset"))


def one_built_page(
    statement: sa.Select,
    values: dict[str, Any],
    page: int,
    per_page: int,
    *,
    whole_rows: bool = False,
) -> tuple[list[Any], bool]:
    """`one_page` for a `paged` statement built once, run with `values`."""
    values = {
        **values,
        "page_limit": per_page + 1,
        "page_offset": (max(page, 1) - 1) * per_page,
    }
    result = db.session.execute(statement, values)
    rows = list(result.all() if whole_rows else result.scalars())
    return rows[:per_page], len(rows) > per_page
