"""For the people and machines that run the portal: /readyz and /metrics.

/healthz (in views.py) says the app server is alive. /readyz says it can do its work: the
database and Redis answer and the migrations are current, so a new version is never sent
people before `flask db upgrade` has run. /metrics is for Prometheus, from allowed addresses.
"""

from __future__ import annotations

import ipaddress
from functools import cache

import sqlalchemy as sa
from flask import Response, abort, current_app, jsonify, request

from portal.accounts.permissions import public
from portal.extensions import db
from portal.pages import bp


@cache
def _newest_migration(directory: str) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(directory).get_current_head()


def _not_ready() -> str | None:
    """Why this app server cannot serve people now, in a few words; None when it can."""
    try:
        version = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return "database does not answer"
    if version != _newest_migration(current_app.extensions["migrate"].directory):
        return "migrations not current: run flask db upgrade"
    if current_app.config["REDIS_URL"]:
        import redis

        try:
            redis.Redis.from_url(current_app.config["REDIS_URL"], socket_timeout=2).ping()
        except redis.exceptions.RedisError:
            return "redis does not answer"
    return None


@bp.get("/readyz")
@public
def readyz():
    reason = _not_ready()
    if reason:
        current_app.logger.warning("Not ready: %s", reason)
        return jsonify(status="not ready", reason=reason), 503
    return jsonify(status="ready")


def _allowed(address: str | None) -> bool:
    try:
        client = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    for allowed in current_app.config["METRICS_ALLOWED"] or []:
        try:
            if client in ipaddress.ip_network(allowed, strict=False):
                return True
        except ValueError:
            continue
    return False


@bp.get("/metrics")
@public  # no person signs in to read metrics: the address decides (METRICS_ALLOWED)
def metrics():
    if not _allowed(request.remote_addr):
        abort(404)
    from prometheus_client import CONTENT_TYPE_LATEST

    from portal.metrics import render
    from portal.notices.email import email_counts
    from portal.timeutil import utcnow

    counts = email_counts(utcnow())
    gauges = {
        "portal_notice_emails_waiting": ("Notices waiting to be emailed", counts["waiting"]),
        "portal_notice_emails_sent": ("Notices emailed (kept ones)", counts["sent"]),
        "portal_notice_emails_failed": ("Notices whose email failed", counts["failed"]),
    }
    return Response(render(gauges), mimetype=CONTENT_TYPE_LATEST)
