"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every value can be changed with an environment variable (the systemd unit in deploy/ sets them).
The agenda editor polls every few seconds from each open page, so each worker serves several
requests at once with threads (gthread): a poll waiting on the database never blocks the rest.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn.glogging import Logger

from portal.redact import safe_path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two per core plus one is gunicorn's advice; a small server still gets at least two.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count() * 2 + 1)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request longer than this is stuck: the worker is restarted. Nothing in the portal takes
# more than a second or two; emails are sent by the notices timer, not in a request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5  # nginx keeps connections to us open (upstream keepalive)
# Restart workers now and then, a few at a time, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may say who the client is (X-Forwarded-For, X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

# The access log: no query strings, no referrer, and the key in a card or link address hidden.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms id=%({x-request-id}i)s'


class SafeLogger(Logger):
    """gunicorn's logger, with secrets in addresses hidden before any line is written."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # Environment atoms ({raw_uri}e, {query_string}e, ...) repeat the address: none are kept.
        atoms = {key: value for key, value in atoms.items() if not key.endswith("}e")}
        for header in ("{referer}i", "{cookie}i", "{authorization}i", "{location}o"):
            atoms.pop(header, None)
        atoms["U"] = safe_path(atoms.get("U") or "")
        atoms["q"] = ""
        atoms["f"] = "-"
        atoms["r"] = f"{atoms.get('m')} {atoms['U']} {atoms.get('H')}"
        return atoms


logger_class = SafeLogger


def child_exit(server, worker):
    """Tell the metrics that a worker has gone, so its live gauges stop counting."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
