"""What happens, for the people who run the portal: a request id, one JSON log line per request,
and the request metrics (portal/metrics.py).

A request id comes from nginx's X-Request-ID when it looks like one, else a new one; the answer
says it back, so a person's "it went wrong" can be found in both logs. The log line names the
route, never the address: addresses can hold card codes and link keys, and query strings hold
words people typed. It says who by user number only.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, current_app, g, has_request_context, request

from portal import metrics

SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
REQUEST_LOG = logging.getLogger("portal.requests")


def request_id() -> str:
    """This request's id: nginx's when it is a sane token, else a new one (made once)."""
    if "request_id" not in g:
        offered = request.headers.get("X-Request-ID", "")
        g.request_id = offered if SANE_REQUEST_ID.match(offered) else uuid.uuid4().hex
    return g.request_id


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for journald, Loki or any log search."""

    FIELDS = ("request_id", "endpoint", "method", "status", "ms", "user_id", "helper_id")

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in self.FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if "request_id" not in line and has_request_context():
            line["request_id"] = request_id()
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def _json_logs(app: Flask) -> None:
    """In production every line the portal logs is JSON, on standard error (journald)."""
    logger = logging.getLogger("portal")
    if any(getattr(handler, "portal_json", False) for handler in logger.handlers):
        return  # several apps in one process (tests, move-data): one handler is enough
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.portal_json = True
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _start() -> None:
    g.request_started = time.perf_counter()
    request_id()
    _count_connections()


def _count_connections() -> None:
    from portal.extensions import db

    pool = db.engine.pool
    if hasattr(pool, "checkedout"):
        metrics.DATABASE_CONNECTIONS.set(pool.checkedout())
        metrics.DATABASE_POOL_SIZE.set(pool.size() if hasattr(pool, "size") else 0)


# Any other word in the method line is "other": a made-up method must not add a metric series
# (or a log value) each time someone sends one.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _method() -> str:
    return request.method if request.method in KNOWN_METHODS else "other"


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = request_id()
    endpoint = request.endpoint or "none"  # no route matched (404, 405, a refused host)
    took = time.perf_counter() - g.get("request_started", time.perf_counter())
    metrics.REQUESTS.labels(endpoint, _method(), str(response.status_code)).inc()
    metrics.LATENCY.labels(endpoint).observe(took)
    if current_app.config["LOG_FORMAT"] == "json":
        # Only a person already loaded for the page: never a database query just for the log.
        person = g.get("_login_user")
        user = getattr(person, "id", None)
        # While a supporter helps a member, the member is who the page is for; the supporter
        # is who pressed the buttons, and the log says both.
        helper = getattr(getattr(person, "helper", None), "id", None)
        REQUEST_LOG.info(
            "request",
            extra={
                "request_id": request_id(),
                "endpoint": endpoint,
                "method": _method(),
                "status": response.status_code,
                "ms": round(took * 1000, 1),
                "user_id": user,
                **({"helper_id": helper} if helper else {}),
            },
        )
    return response


def init_observability(app: Flask) -> None:
    if app.config["LOG_FORMAT"] == "json":
        _json_logs(app)
    app.before_request(_start)
    app.after_request(_finish)
