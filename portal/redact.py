"""Addresses that are keys: a card's code, an email link, a calendar feed, a stop-emails link.

Whoever reads a log must never be able to sign in as someone, read their calendar or stop their
emails, so every log line shows these addresses with the key part hidden. gunicorn's access log
(gunicorn.conf.py) and the portal's JSON request log both use `safe_path`.
"""

from __future__ import annotations

import re

HIDDEN = "[hidden]"

# One pattern per route whose URL holds a secret; tests/deploy/test_redact.py fails when a new
# route takes a <code> or <token> and is not listed here.
SECRET_PATHS = (
    re.compile(r"^(/card/)[^/?#]+"),
    re.compile(r"^(/sign-in/email/)[^/?#]+"),
    re.compile(r"^(/sessions/calendar/)[^/?#]+?(\.ics)?(?=$|[/?#])"),
    re.compile(r"^(/whats-new/unsubscribe/)[^/?#]+"),
)


def safe_path(path: str) -> str:
    """The path with any secret hidden and the query string dropped (it may hold words typed)."""
    path = (path or "").split("?", 1)[0]
    for pattern in SECRET_PATHS:
        match = pattern.match(path)
        if match:
            ending = match.group(2) if pattern.groups >= 2 and match.group(2) else ""
            return match.group(1) + HIDDEN + ending + path[match.end() :]
    return path
