"""The What's new page, opening a notice, and the unread count in the header."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import NoticeEmail, User
from portal.accounts.permissions import Permission, permission_required, public
from portal.extensions import db
from portal.htmx import is_fragment_request, render_page
from portal.looking import person_is_looking
from portal.notices import bp
from portal.notices.email import user_for_unsubscribe_token
from portal.notices.forms import EmailChoiceForm
from portal.notices.queries import count_unread, get_own_notice, list_notices
from portal.notices.services import mark_read
from portal.urls import safe_next

# Clients listen for this to refresh the header's count after an action.
CHANGED_EVENT = "notices-changed"


@bp.get("")
@permission_required(Permission.USE_PORTAL)
def list_own_notices():
    """Newest first. What was unread stands out this time, and is read from now on (not when
    the phone only saves the page for later: portal/looking.py)."""
    notices = list_notices(current_user.id)
    unread_ids = {notice.id for notice in notices if notice.read_at is None}
    marked = bool(unread_ids) and person_is_looking()
    if marked:
        mark_read(current_user.id, unread_ids)
    response = render_page(
        "notices/list_notices.html", block="notice_list", notices=notices, unread_ids=unread_ids
    )
    if marked:
        response.headers["HX-Trigger"] = CHANGED_EVENT
    return response


@bp.get("/<int:notice_id>")
@permission_required(Permission.USE_PORTAL)
def open_notice(notice_id: int):
    """Mark one notice read and go to what it is about."""
    notice = get_own_notice(current_user.id, notice_id)
    if notice is None:
        # Someone else's notice is "not found", never "forbidden": it does not exist for you.
        abort(404)
    mark_read(current_user.id, [notice.id])
    return redirect(safe_next(notice.link) or url_for("notices.list_own_notices"))


@bp.post("/read")
@permission_required(Permission.USE_PORTAL)
def mark_all_read():
    """Mark all as read."""
    mark_read(current_user.id)
    if is_fragment_request():
        response = count_badge()
        response.headers["HX-Trigger"] = CHANGED_EVENT
        return response
    return redirect(url_for("notices.list_own_notices"))


@bp.route("/email", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
def email_settings():
    """Choose no email, each notice by email, or one summary a day."""
    form = EmailChoiceForm(notice_email=current_user.notice_email.value)
    if current_user.email and form.validate_on_submit():
        current_user.notice_email = NoticeEmail(form.notice_email.data)
        flash(_("Your choice is saved."), "success")
        return redirect(url_for("notices.email_settings"))
    return render_template("notices/email_settings.html", form=form)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@public
def unsubscribe(token: str):
    """Stop emails from a link in an email, without signing in."""
    user_id = user_for_unsubscribe_token(token)
    person = db.session.get(User, user_id) if user_id is not None else None
    if person is None:
        abort(404)
    stopped = False
    if request.method == "POST":
        person.notice_email = NoticeEmail.NONE
        stopped = True
    return render_template("notices/unsubscribe.html", stopped=stopped)


@bp.get("/count")
@permission_required(Permission.USE_PORTAL)
def count_badge():
    """The header's What's new link with its count, for htmx to refresh (the bar's comes too)."""
    return render_page(
        "notices/_count_link.html", unread_count=count_unread(current_user.id), refreshing=True
    )
