"""Statements built once per shape (portal/statements.py): kept, and never one person's."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.statements import VIEWER, built
from tests.factories import create_board, create_concern, create_group, create_user


def _by_viewer() -> sa.Select:
    return sa.select(sa.literal(1)).where(VIEWER == VIEWER)


def _words(sort: str) -> sa.Select:
    return sa.select(sa.literal(sort))


def test_the_same_shape_is_built_once_and_another_shape_again():
    assert built(_by_viewer) is built(_by_viewer)
    assert built(_words, "newest") is built(_words, "newest")
    assert built(_words, "newest") is not built(_words, "support")


@pytest.mark.parametrize("shape", [7, 7.0, object(), ("a",), b"a"])
def test_a_shape_holding_a_number_or_an_object_is_refused(shape):
    # A number could be someone's id: built into a kept statement, it would be everyone's.
    with pytest.raises(TypeError):
        built(_words, shape)


def test_a_kept_statement_answers_each_person_for_themselves(app, client_for, member):
    """One board for a group: the same kept statements (a board, its list, a concern) show
    it to the group's member and not to someone outside it, asked in either order."""
    outsider = create_user(role="member", username="outsider")
    group = create_group("Tenants", members=[member])
    board = create_board("Our flats", group_id=group.id)
    concern = create_concern(board.id, member.id, title="The lift is broken")
    inside, outside = client_for(member), client_for(outsider)
    for _ in range(2):
        assert "The lift is broken" in inside.get(f"/concerns/boards/{board.id}").text
        assert outside.get(f"/concerns/boards/{board.id}").status_code == 404
        assert inside.get(f"/concerns/{concern.id}").status_code == 200
        assert outside.get(f"/concerns/{concern.id}").status_code == 404


def test_a_concern_waiting_for_a_check_is_its_authors_alone_through_a_kept_list(
    app, client_for, member
):
    other = create_user(role="member", username="other")
    board = create_board("Getting about")
    create_concern(board.id, member.id, title="Mine, waiting", review="waiting")
    create_concern(board.id, other.id, title="Theirs, waiting", review="waiting")
    mine = client_for(member).get(f"/concerns/boards/{board.id}").text
    theirs = client_for(other).get(f"/concerns/boards/{board.id}").text
    assert "Mine, waiting" in mine and "Theirs, waiting" not in mine
    assert "Theirs, waiting" in theirs and "Mine, waiting" not in theirs
