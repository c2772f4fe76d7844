"""Fixtures for concerns: a board, a concern, and a second member."""

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
