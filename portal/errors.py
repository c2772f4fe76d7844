"""Easy-read error pages. Each says what happened and what to do next."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request, url_for
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.accounts.cross_site import may_set_cookies
from portal.accounts.form_tokens import form_opened_at
from portal.accounts.kept_forms import fits_limits, keep_form_and_sign_in, typed_fields
from portal.htmx import go_to_page, page_path

# Flask-WTF's reason when the token is ours and matches this browser's session, but is old.
# Every other reason (no token, a token from elsewhere) may be a forged post.
CSRF_TOKEN_TOO_OLD = "The CSRF token has expired."  # noqa: S105 (a message, not a secret)

ERROR_PAGES = {
    403: (
        "stop",
        _l("You cannot use this page"),
        [
            _l("This page is for other people."),
            _l("If you think you need it, talk to staff."),
        ],
    ),
    404: (
        "lost",
        _l("We cannot find this page"),
        [
            _l("The page may have moved."),
            _l("Check the address. Or go back to the home page."),
        ],
    ),
    405: (
        "lost",
        _l("We cannot find this page"),
        [
            _l("The page may have moved."),
            _l("Check the address. Or go back to the home page."),
        ],
    ),
    400: (
        "broken",
        _l("We could not read that"),
        [
            _l("The page sent something we cannot use."),
            _l("Go back and try again."),
            _l("If it still does not work, ask staff for help."),
        ],
    ),
    413: (
        "broken",
        _l("That was too much to send"),
        [
            _l("You sent more words than we can take at once."),
            _l("Go back. Make it shorter. Then send it again."),
        ],
    ),
    429: (
        "wait",
        _l("Please wait a moment"),
        [
            _l("You tried many times in a short time."),
            _l("Wait 1 minute. Then try again."),
            _l("If it still does not work, ask staff for help."),
        ],
    ),
    # A form that is not one of ours, or came from another site: nothing of it is used.
    "not_sent": (
        "stop",
        _l("We could not send that"),
        [
            _l("Nothing was sent."),
            _l("Open the page again. Then try again."),
        ],
    ),
    500: (
        "broken",
        _l("Something went wrong"),
        [
            _l("It is not your fault."),
            _l("Please try again in a few minutes."),
            _l("If it still does not work, ask staff for help."),
        ],
    ),
}


def _render_error(code: int, page: int | str | None = None):
    picture, title, lines = ERROR_PAGES.get(page or code, ERROR_PAGES[500])
    return render_template(
        "errors/error.html", code=code, picture_name=picture, title=title, lines=lines
    ), code


def _form_not_accepted(error: CSRFError):
    """The CSRF check failed. Give back the person's words only when the form is surely theirs:
    a post from another site, or with a token that is not this browser's, keeps nothing."""
    if not may_set_cookies():
        return _render_error(400, "not_sent")  # from another site, or no session to check
    # Flask-WTF says "too old" before it compares the token with this browser's: only this
    # browser's own token, made before, counts as a form that was open a long time.
    too_old = error.description == CSRF_TOKEN_TOO_OLD and form_opened_at() is not None
    view = current_app.view_functions.get(request.endpoint)
    needs_sign_in = getattr(view, "required_permission", None) is not None
    if needs_sign_in and not current_user.is_authenticated:
        if too_old:
            return keep_form_and_sign_in()  # kept only if this browser's sign-in just ended
        return go_to_page(url_for("signin.sign_in", next=page_path()))
    kept = typed_fields()
    if too_old and fits_limits(kept):
        # The form was open a long time: let them send their words again with a fresh token.
        return render_template("errors/form_expired.html", kept=kept, action=request.path), 400
    return _render_error(400, "not_sent")


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def form_expired(error):
        return _form_not_accepted(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.response is not None:
            return error.response  # a page made for this case (e.g. too many concerns posted)
        if request_ctx.url_adapter is None:
            # The Host header could not be read (too long, say): no link on our page can be
            # built, so Werkzeug's plain page it is.
            return error
        if error.code in ERROR_PAGES:
            return _render_error(error.code)
        return error

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        if app.testing and app.config["PROPAGATE_EXCEPTIONS"] is not False:
            raise error  # tests see the real traceback
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        from portal.extensions import db

        db.session.rollback()
        return _render_error(500)
