"""A small cache, least recently used dropped first, shared by one process's threads."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

from flask import current_app, g, has_request_context

Value = TypeVar("Value")


class SharedLRU(Generic[Value]):
    """Holds at most `size` values. Only for values that are a pure function of their key, so
    nothing ever needs taking out early: a change shows as a new key."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: OrderedDict[tuple, Value] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> Value | None:
        with self.lock:
            value = self.kept.get(key)
            if value is not None:
                self.kept.move_to_end(key)
            return value

    def put(self, key: tuple, value: Value) -> None:
        with self.lock:
            self.kept[key] = value
            self.kept.move_to_end(key)
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)

    def __len__(self) -> int:
        return len(self.kept)


# Stands in for this request's CSRF token in what is kept: the token is the session's own
# (and its signed form changes every second), so a kept page part holding it would be new to
# every request. NULs hold no quote or ">", so inside an attribute it stays there; the random
# middle, new in each process, means no address or words sent in can hold it.
CSRF_STAND_IN = f"\x00csrf-{secrets.token_hex(12)}\x00"


def request_csrf_token() -> str | None:
    """The CSRF token this request put in its forms, if it made one."""
    if not has_request_context():
        return None
    return g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
