"""Pages everyone can read, the language switch and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from portal.accounts.permissions import Permission, can, public
from portal.accounts.posting import posting_refusal
from portal.extensions import db
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
        if current_user.is_authenticated:
            current_user.language = language
        set_language_cookie(response, language)
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
