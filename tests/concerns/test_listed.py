"""A board's rows are plain values (portal/concerns/listed.py), not ORM objects: each state a
row can be in draws from the columns loaded, and reading any other fails loudly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import render_template_string

from portal.concerns.listed import ListedConcern, NotInList
from portal.concerns.models import Concern, Review, Status
from portal.extensions import db
from tests import factories


def _listed(**values) -> ListedConcern:
    row = dict.fromkeys(ListedConcern._fields)
    row.update(id=1, title="The bus", picture="bus", status=Status.NEW, review=Review.SHOWN)
    return ListedConcern(**{**row, **values})


def test_a_column_the_list_does_not_load_fails_loudly_in_a_template(app):
    with app.test_request_context("/"), pytest.raises(NotInList, match="details"):
        render_template_string("<p>{{ concern.details }}</p>", concern=_listed())


def test_python_still_sees_no_private_attributes(app):
    listed = _listed()
    assert not hasattr(listed, "_sa_instance_state")
    assert listed.title == "The bus"


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ({}, "I support this"),
        ({"review": Review.WAITING}, "Staff will check it first."),
        (
            {"review": Review.HIDDEN, "moderation_reason": "unkind", "moderation_note": "Be kind"},
            "Staff hid your concern because it was unkind to someone.",
        ),
        ({"review": Review.HIDDEN, "auto_hidden": True}, "It is hidden until staff look at it."),
        ({"locked_at": sa.func.now()}, "Staff locked this concern."),
    ],
)
def test_each_kind_of_row_draws_from_what_the_list_loads(
    client_for, board, other_member, concern, change, shown
):
    if change:
        with factories.APP.app_context():
            statement = sa.update(Concern).where(Concern.id == concern.id).values(**change)
            db.session.execute(statement)
            db.session.commit()
    response = client_for(other_member).get(f"/concerns/boards/{board.id}")
    assert response.status_code == 200
    assert f'id="concern-{concern.id}"' in response.text
    assert shown in response.text
