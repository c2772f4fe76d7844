"""Whose saved pages these are: an opaque key per person, never their id in clear.

The service worker keeps pages under this key. When a page arrives with another key (someone
else signed in on this phone) or with none (signed out), the worker throws the saved pages
away. A supporter helping a member gets no key: nothing is kept while helping.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from flask_login import current_user

from portal.accounts.helping import helper

NOBODY = "-"


def person_key() -> str | None:
    """The key for whoever is signed in now, or None (signed out, or helping someone)."""
    if not current_user.is_authenticated or helper() is not None:
        return None
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"offline-cache:{current_user.id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:24]
