"""The smtp_server fixture: a real local SMTP server (see tests/smtp.py) for every test."""

from __future__ import annotations

import pytest

from tests.smtp import free_port, local_smtp

__all__ = ["free_port", "smtp_server"]


@pytest.fixture
def smtp_server(app, monkeypatch):
    with local_smtp(app, monkeypatch) as inbox:
        yield inbox
