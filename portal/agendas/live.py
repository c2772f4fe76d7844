"""The live channel: who is here, what they are changing, and whether anything changed.

Editors poll every 2 seconds with `If-None-Match`. The ETag is the agenda's version (a number in
the database that every change raises) plus who is here. Nothing new costs one indexed query,
one Redis round trip and an empty 304, so plain `gunicorn wsgi:app` sync workers serve many
editors; server-sent events would hold a whole sync worker per editor. With REDIS_URL presence
lives in Redis, shared by every worker and machine; without it, in this process's memory,
which is right for the single-process SQLite default.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass

from flask import current_app

PRESENCE_SECONDS = 8  # someone who stops polling for this long has left


@dataclass(frozen=True)
class Presence:
    user_id: int
    name: str
    item_id: int | None
    item_title: str


class MemoryChannel:
    """One process: presence in a dict."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._presence: dict[int, dict[int, tuple[float, str]]] = {}

    def here(self, agenda_id: int, user_id: int, payload: str) -> None:
        with self._lock:
            self._presence.setdefault(agenda_id, {})[user_id] = (time.time(), payload)

    def leave(self, agenda_id: int, user_id: int) -> None:
        with self._lock:
            self._presence.get(agenda_id, {}).pop(user_id, None)

    def present(self, agenda_id: int) -> list[str]:
        cutoff = time.time() - PRESENCE_SECONDS
        with self._lock:
            people = self._presence.get(agenda_id, {})
            for user_id in [uid for uid, (at, _) in people.items() if at < cutoff]:
                del people[user_id]
            return [payload for _, payload in people.values()]


class RedisChannel:
    """Many workers and machines: a presence hash per agenda in Redis.

    Presence is a nicety: if Redis stops answering, the agenda still works (saves, live list
    and conflicts use the database), people just do not see who else is here for a while.
    """

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.errors = (redis.exceptions.RedisError, OSError)

    def here(self, agenda_id: int, user_id: int, payload: str) -> None:
        try:
            self._here(agenda_id, user_id, payload)
        except self.errors as error:
            _redis_trouble(error)

    def present(self, agenda_id: int) -> list[str]:
        try:
            return self._present(agenda_id)
        except self.errors as error:
            _redis_trouble(error)
            return []

    def _here(self, agenda_id: int, user_id: int, payload: str) -> None:
        key = f"agenda:{agenda_id}:presence"
        pipe = self.redis.pipeline()
        pipe.hset(key, str(user_id), json.dumps([time.time(), payload]))
        pipe.expire(key, PRESENCE_SECONDS * 4)
        pipe.execute()

    def leave(self, agenda_id: int, user_id: int) -> None:
        try:
            self.redis.hdel(f"agenda:{agenda_id}:presence", str(user_id))
        except self.errors as error:
            _redis_trouble(error)

    def _present(self, agenda_id: int) -> list[str]:
        key = f"agenda:{agenda_id}:presence"
        cutoff = time.time() - PRESENCE_SECONDS
        payloads, gone = [], []
        for user_id, raw in self.redis.hgetall(key).items():
            at, payload = json.loads(raw)
            if at < cutoff:
                gone.append(user_id)
            else:
                payloads.append(payload)
        if gone:
            self.redis.hdel(key, *gone)
        return payloads


def _redis_trouble(error: Exception) -> None:
    # The error's class only: its text can carry the Redis address and password.
    current_app.logger.warning("agenda presence: Redis did not answer (%s)", type(error).__name__)


def channel() -> MemoryChannel | RedisChannel:
    """The app's channel, made once per process."""
    extension = current_app.extensions.get("agenda_channel")
    if extension is None:
        url = current_app.config.get("AGENDA_REDIS_URL") or current_app.config.get("REDIS_URL")
        extension = RedisChannel(url) if url else MemoryChannel()
        current_app.extensions["agenda_channel"] = extension
    return extension


def mark_here(agenda_id: int, user_id: int, name: str, item_id: int | None, title: str) -> None:
    payload = json.dumps({"u": user_id, "n": name, "i": item_id, "t": title})
    channel().here(agenda_id, user_id, payload)


def who_is_here(agenda_id: int, but_not: int | None = None) -> list[Presence]:
    people = []
    for payload in channel().present(agenda_id):
        data = json.loads(payload)
        if data["u"] != but_not:
            people.append(Presence(data["u"], data["n"], data["i"], data["t"]))
    return sorted(people, key=lambda person: person.name.lower())


def fingerprint(agenda_id: int, version: int, people: list[Presence]) -> str:
    """The ETag of what an editor sees: the agenda's version and who is here doing what."""
    raw = json.dumps([agenda_id, version, [list(vars(person).values()) for person in people]])
    return hashlib.sha256(raw.encode()).hexdigest()[:20]
