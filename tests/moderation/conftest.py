"""Fixtures for moderation: a board, a concern by another member, and some reporters."""

from __future__ import annotations

import pytest

from tests.factories import create_board, create_concern, create_user


@pytest.fixture
def board(app):
    return create_board("Getting about", picture="bus")


@pytest.fixture
def other_member(app):
    return create_user("member", username="priya", display_name="Priya Shah")


@pytest.fixture
def concern(board, other_member):
    return create_concern(board.id, other_member.id, "The bus is often late", place="High Street")


@pytest.fixture
def reporters(app):
    return [create_user("member", username=f"reporter{n}") for n in range(4)]
