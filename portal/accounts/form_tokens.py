"""When the form being sent was opened, read from its CSRF token (Flask-WTF's own signed token).

Words are kept for a person whose sign-in ended only if the form was opened while that
sign-in still ran: someone who comes to the same browser afterwards gets a newer token, so they
cannot leave words (say, a form that gives them a staff role) for the last person to send.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime

from flask import current_app, request, session
from itsdangerous import BadData, URLSafeTimedSerializer

# Flask-WTF signs its tokens with this salt (flask_wtf.csrf.generate_csrf).
_SALT = "wtf-csrf-token"


def _sent_token() -> str | None:
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    token = request.form.get(field)
    if token:
        return token
    for header in current_app.config["WTF_CSRF_HEADERS"]:
        if token := request.headers.get(header):
            return token
    return None


def form_opened_at() -> datetime | None:
    """When this browser's own form token was made (UTC, naive), whatever its age; None when
    the request has no token, a forged one, or one made for another browser's session."""
    token = _sent_token()
    ours = session.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    if not token or not isinstance(ours, str):
        return None
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    try:
        raw, made = URLSafeTimedSerializer(secret, salt=_SALT).loads(token, return_timestamp=True)
    except BadData:
        return None
    if not isinstance(raw, str) or not hmac.compare_digest(raw, ours):
        return None
    return made.astimezone(UTC).replace(tzinfo=None)
