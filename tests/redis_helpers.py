"""Tests that need a real Redis (shared state across workers): its address, or a clear skip."""

from __future__ import annotations

import os

import pytest

# The PostgreSQL run sets its own database number, so the two runs side by side never meet.
REDIS_URL = os.environ.get("AGENDA_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


def redis_or_skip():
    """A client for REDIS_URL; a laptop without Redis skips, CI never does."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379 (CI never skips this)")
    return client
