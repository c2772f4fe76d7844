from __future__ import annotations

import pytest

from tests.factories import create_user


@pytest.fixture
def kim(app):
    return create_user("supporter", username="kim", display_name="Kim Evans")
