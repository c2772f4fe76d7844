"""The people list names each role with the same words as the role picker, in the reader's
language: one list of role names, not a second copy in the template."""

from __future__ import annotations

import pytest

from tests.factories import create_user


@pytest.mark.parametrize(
    ("language", "names"),
    [("en", ["Member", "Co-trainer", "Staff"]), ("cy", ["Aelod", "Cyd-hyfforddwr", "Staff"])],
)
def test_the_people_list_names_each_role(client_for_language, language, names):
    page = client_for_language(language).get("/people").get_data(as_text=True)
    for person, role_name in zip(["Sam Jones", "Alex Rivera", "Jo Patel"], names, strict=True):
        card = page[page.index(f'<span dir="auto">{person}</span>') :]
        assert card.split("</li>")[0].count(f"<strong>{role_name}</strong>") == 1, person


@pytest.fixture
def client_for_language(app, users_by_role):
    from tests.conftest import PortalClient

    def make(language: str) -> PortalClient:
        reader = create_user("staff", display_name="Zoe Reader", language=language)
        app.test_client_class = PortalClient
        client = app.test_client()
        client.sign_in_as(reader)
        return client

    return make
