"""Sign-in links sent outside the request, when REDIS_URL is set.

A slow mail server must never hold a person at the sign-in page. The request only puts the
person's number on a Redis list and answers "We are sending it" at once; `flask mail run` (a
small always-on worker, deploy/systemd/common-ground-mail.service) takes it off, makes the link
and sends it. No secret goes through Redis: the worker makes the link itself. Without Redis, or
if Redis does not answer, the request sends the email itself, as before.
"""

from __future__ import annotations

import json
import smtplib
import time

from flask import current_app

from portal.accounts.models import User
from portal.extensions import db
from portal.mail import MailNotConfigured
from portal.signin import email_links
from portal.timeutil import utcnow

QUEUE = "signin:email-links"
MAX_TRIES = 3


def _redis():
    import redis

    return redis.Redis.from_url(
        current_app.config["REDIS_URL"], socket_timeout=5, socket_connect_timeout=2
    )


def _key() -> str:
    return (current_app.config.get("RATELIMIT_KEY_PREFIX") or "") + QUEUE


def queue_link(user: User) -> bool:
    """Ask the worker to send `user` a link. False when there is no queue: send it now."""
    if not current_app.config["REDIS_URL"]:
        return False
    import redis

    job = {"user": user.id, "asked": utcnow().isoformat(), "tries": 0}
    try:
        _redis().rpush(_key(), json.dumps(job))
    except (redis.exceptions.RedisError, OSError):
        current_app.logger.warning("Redis does not answer: sending a sign-in link in the request")
        return False
    return True


def _still_wanted(job: dict) -> bool:
    from datetime import datetime

    asked = datetime.fromisoformat(job["asked"])
    return utcnow() - asked < current_app.config["EMAIL_LINK_LIFETIME"]


def send_one(job: dict) -> bool:
    """Make the link and send it. False when it failed and may be tried again."""
    user = db.session.get(User, job["user"])
    if user is None or not user.active or not user.email or not _still_wanted(job):
        return True  # nothing to send any more
    try:
        link = email_links.make_link(user, log=False)  # the request logged it, with its address
        db.session.commit()  # no request commits for a worker: the link must exist before it goes
        email_links.send_link(user, link)
    except (OSError, smtplib.SMTPException, MailNotConfigured):
        db.session.rollback()
        current_app.logger.exception("Could not send a sign-in link; will try again")
        return False
    return True


def drain(*, wait_seconds: float = 0, stop_after: float | None = None) -> int:
    """Send what is queued; with wait_seconds, wait for more (the worker). Returns emails sent."""
    client = _redis()
    sent = 0
    started = time.monotonic()
    while stop_after is None or time.monotonic() - started < stop_after:
        if wait_seconds:
            popped = client.blpop([_key()], timeout=wait_seconds)
            raw = popped[1] if popped else None
        else:
            raw = client.lpop(_key())
        if raw is None:
            if not wait_seconds:
                return sent
            continue
        job = json.loads(raw)
        if send_one(job):
            sent += 1
        elif job["tries"] + 1 < MAX_TRIES:
            client.rpush(_key(), json.dumps({**job, "tries": job["tries"] + 1}))
            time.sleep(1)  # a mail server that is down: do not spin
    return sent
