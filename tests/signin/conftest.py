"""Fixtures for sign-in tests."""

from __future__ import annotations

import pytest

from tests.smtp import local_smtp


@pytest.fixture
def smtp_inbox(app, monkeypatch):
    with local_smtp(app, monkeypatch) as inbox:
        yield inbox
