"""Easy-read error pages. Each says what happened and what to do next."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.accounts.kept_forms import keep_form_and_sign_in, typed_fields

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


def _render_error(code: int):
    picture, title, lines = ERROR_PAGES.get(code, ERROR_PAGES[500])
    return render_template(
        "errors/error.html", code=code, picture_name=picture, title=title, lines=lines
    ), code


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def form_expired(error):
        # The form was open a long time or the session ended. Keep what they typed and let
        # them send it again with a fresh token, rather than lose their words.
        view = app.view_functions.get(request.endpoint)
        needs_sign_in = getattr(view, "required_permission", None) is not None
        if needs_sign_in and not current_user.is_authenticated:
            return keep_form_and_sign_in()
        return render_template(
            "errors/form_expired.html", kept=typed_fields(), action=request.path
        ), 400

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
