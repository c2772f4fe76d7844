"""People for the per-object rules: who runs, wrote or belongs to the thing being tried."""

from __future__ import annotations

import pytest

from tests.factories import create_user


@pytest.fixture
def other_trainer(app):
    """A co-trainer who does not run the session being tried."""
    return create_user("co_trainer", username="dev", display_name="Dev Morgan")


@pytest.fixture
def other_member(app):
    return create_user("member", username="priya", display_name="Priya Shah")


@pytest.fixture
def people(users_by_role, other_trainer, other_member):
    """Everyone a rule is tried with, by what they are to the thing tried."""
    return {
        "member": users_by_role["member"],
        "other member": other_member,
        "runner": users_by_role["co_trainer"],  # runs the session, wrote nothing
        "other co-trainer": other_trainer,
        "staff": users_by_role["staff"],
    }
