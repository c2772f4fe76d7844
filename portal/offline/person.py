"""Whose saved pages these are: an opaque key per person, never their id in clear.

The service worker keeps pages under this key. When a page arrives with another key (someone
else signed in on this phone) or with none (signed out), the worker throws the saved pages
away. A supporter helping a member gets no key: nothing is kept while helping.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, g
from flask_login import current_user

NOBODY = "-"


def person_key() -> str | None:
    """The key for whoever is signed in now, or None (signed out, or helping someone)."""
    user = current_user._get_current_object()
    if not user.is_authenticated or getattr(user, "helper", None) is not None:
        return None
    # Asked several times a page: worked out once a request for each person (a sign-in or a
    # sign-out in the request changes who that is).
    kept = g.get("_offline_person_key")
    if kept is not None and kept[0] == user.id:
        return kept[1]
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"offline-cache:{user.id}".encode()
    key = hmac.new(secret, message, hashlib.sha256).hexdigest()[:24]
    g._offline_person_key = (user.id, key)
    return key
