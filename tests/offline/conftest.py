from __future__ import annotations

import pytest

from tests.factories import create_user


@pytest.fixture
def client_for(app):
    from tests.conftest import PortalClient

    def make(user):
        app.test_client_class = PortalClient
        new_client = app.test_client()
        new_client.sign_in_as(user)
        return new_client

    return make


@pytest.fixture
def kim(app):
    return create_user("supporter", username="kim", display_name="Kim Evans")
