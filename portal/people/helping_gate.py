"""Checked on every request while a supporter helps: is the link still there, and did the
member allow this page? Also, after the request, the member's "Jo helped you" notice."""

from __future__ import annotations

from flask import (
    Response,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.acting_for import ALWAYS, may_reach_while_helping
from portal.accounts.helping import HELPING_KEY
from portal.people import bp
from portal.people.help_notices import tell_member_what_was_done
from portal.people.supporters import stop_helping


@bp.before_app_request
def check_helping() -> Response | None:
    if not current_user.is_authenticated:
        return None
    ended = g.pop("help_ended", None)
    if ended is not None:
        session.pop(HELPING_KEY, None)
        return _help_ended(ended)
    if getattr(current_user, "helper", None) is None:
        return None
    if request.endpoint == "signin.sign_out":
        stop_helping()  # signing out ends the helping too, and the log says so
        return None
    if may_reach_while_helping(request.endpoint, current_user.help_scopes):
        return None
    page = render_template("people/helping_refused.html", member=current_user)
    return make_response(page, 403)


def _help_ended(name: str) -> Response | None:
    """The member or staff stopped the link: say so, never act for them again."""
    message = _("You cannot help %(name)s now. The help was stopped.", name=name)
    if request.endpoint in ALWAYS:
        # Help, the home page, signing out: done as the supporter themselves, with the message.
        flash(message, "error")
        return None
    if getattr(request, "htmx", None):
        # Refused, and nothing of it saved; the whole page goes to the message.
        flash(message, "error")
        response = make_response("", 403)
        response.headers["HX-Redirect"] = url_for("people.people_you_help")
        return response
    if request.method != "GET":
        page = render_template("people/helping_ended.html", name=name)
        return make_response(page, 403)
    flash(message, "error")
    return redirect(url_for("people.people_you_help"))


@bp.after_app_request
def told_after_helping(response: Response) -> Response:
    if g.get("helped_actions") and response.status_code < 400:
        tell_member_what_was_done(g.pop("helped_actions"))
    return response
