"""Which language to show: the account's choice, then a cookie, then the browser's."""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user

LANGUAGE_COOKIE = "cg_language"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    user = current_user._get_current_object()
    if user and user.is_authenticated and user.language in languages:
        return user.language
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(list(languages)) or "en"


def set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
