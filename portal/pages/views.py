"""Pages everyone can read, the language switch, reading settings and the health check."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, can, public
from portal.accounts.posting import posting_refusal
from portal.accounts.reading import reading_for_request, save_reading, set_reading_cookie
from portal.extensions import db
from portal.htmx import answer, render_page
from portal.i18n import set_language_cookie
from portal.pages import bp
from portal.urls import safe_next


@bp.get("/")
@public
def home():
    """What the portal is for, and what you can do here in your role."""
    moderation_counts = None
    if can(current_user, Permission.MODERATE):
        from portal.moderation.queries import queue_counts

        moderation_counts = queue_counts()
    stopped = current_user.is_authenticated and posting_refusal(current_user) is not None
    return render_template(
        "pages/home.html", moderation_counts=moderation_counts, posting_stopped=stopped
    )


@bp.get("/help")
@public
def help_page():
    """How to get help from staff, in easy read."""
    return render_template("pages/help.html")


@bp.get("/me")
@public
def me():
    """Phones: what is not in the bottom bar (help, sign-in ways, language, sign out, staff places).

    Signed out, the same page is "More": help, signing in and the language.
    """
    return render_template("pages/me.html")


@bp.get("/credits")
@public
def credits():
    """Who made the pictures and code we use, and their licences."""
    return render_template("pages/credits.html")


@bp.post("/language")
@public
def set_language():
    """Switch language; remembered on the account when signed in, else in a cookie."""
    language = request.form.get("language", "")
    back = safe_next(request.form.get("next")) or url_for("pages.home")
    response = redirect(back)
    if language in current_app.config["LANGUAGES"]:
        # A supporter's choice is for this browser: the member they help keeps their own.
        if current_user.is_authenticated and current_user.helper is None:
            current_user.language = language
        set_language_cookie(response, language)
    return response


@bp.get("/settings")
@public
def reading_settings():
    """Text size, spacing, colours, typeface, movement and read-aloud: each shown as it looks."""
    back = safe_next(request.args.get("next"))
    return render_page("pages/settings.html", "settings", reading=reading_for_request(), back=back)


@bp.post("/settings")
@public
def save_reading_settings():
    """One tap changes one setting: kept on the account, or in a cookie when signed out.

    Unknown values keep what was there. htmx gets the choices back and an event carrying the
    classes for <html> (static/js/reading.js puts them on), so the page changes at once.
    """
    reading = reading_for_request().changed_by(request.form)
    if current_user.is_authenticated:
        save_reading(current_user.id, reading)
    back = safe_next(request.form.get("next"))
    response = answer(
        "pages/settings.html",
        "settings",
        to=url_for("pages.reading_settings", next=back),
        flash_message=_("Your settings are saved."),
        reading=reading,
        back=back,
        saved=True,
    )
    if not current_user.is_authenticated:
        set_reading_cookie(response, reading)
    changed = {
        "classes": reading.html_classes,
        "speechRate": reading.speech_rate,
        "voice": reading.voice,
    }
    response.headers["HX-Trigger"] = json.dumps({"reading-changed": changed})
    return response


@bp.get("/healthz")
@public
def healthz():
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Health check: the database did not answer")
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
