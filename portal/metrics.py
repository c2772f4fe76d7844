"""Prometheus metrics, shared by every worker of an app server.

With PROMETHEUS_MULTIPROC_DIR set (the systemd unit sets it), each gunicorn worker writes its
counts to files there and /metrics adds them up; without it, one process keeps its own.
Labels are route names and status codes only: never a person, an address or a URL.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY

REQUESTS = Counter(
    "portal_requests", "Requests answered, by route and status", ["endpoint", "method", "status"]
)
LATENCY = Histogram(
    "portal_request_seconds",
    "Time to answer a request, by route",
    ["endpoint"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SIGN_IN_FAILURES = Counter(
    "portal_sign_in_failures", "Failed or refused sign-ins (wrong password, card, link, passkey)"
)
DATABASE_CONNECTIONS = Gauge(
    "portal_database_connections_in_use",
    "Database connections this app server's workers hold now",
    multiprocess_mode="livesum",
)
DATABASE_POOL_SIZE = Gauge(
    "portal_database_pool_size",
    "Database connections each worker may keep open",
    multiprocess_mode="livemax",
)


def render(extra_gauges: dict[str, tuple[str, float]]) -> bytes:
    """The metrics page: every worker's counts, and gauges read from the database just now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    text = generate_latest(registry)
    now = CollectorRegistry()
    families = []
    for name, (description, value) in extra_gauges.items():
        family = GaugeMetricFamily(name, description)
        family.add_metric([], value)
        families.append(family)
    now.register(_Fixed(families))
    return text + generate_latest(now)


class _Fixed:
    def __init__(self, families) -> None:
        self.families = families

    def collect(self):
        return iter(self.families)
