"""The starting glossary, loaded for the tests that need it (every test starts empty)."""

from __future__ import annotations

import pytest

from portal.extensions import db
from portal.words.services import load_starting_words


@pytest.fixture
def glossary(app):
    with app.app_context():
        added = load_starting_words()
        db.session.commit()
    return added
