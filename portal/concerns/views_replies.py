"""Replies under a concern: add one, change it for 15 minutes, delete it at any time.

When a reply cannot be sent or changed (staff stopped the person posting, locked the concern,
or too many replies in a short time), nothing is lost: the page comes back with their words
and says why.
"""

from __future__ import annotations

from datetime import timedelta

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.accounts.posting import posting_stopped
from portal.concerns import bp, queries
from portal.concerns.forms import ReplyForm
from portal.concerns.refusals import closed_to_posts
from portal.concerns.services import delete_reply, edit_reply, reply_and_tell
from portal.concerns.views import EDIT_MINUTES, render_concern
from portal.extensions import counts_as_posted, limiter, mark_posted, per_person
from portal.timeutil import utcnow


def _reply_limit() -> str:
    return current_app.config["REPLY_RATE_LIMIT"]


def _too_many_replies(limit):
    """Too many replies in a short time: the concern page again, their words in the box."""
    concern_id = (request.view_args or {}).get("concern_id")
    if not current_user.is_authenticated or concern_id is None:
        return None  # the plain "Please wait a moment" page
    concern = queries.get_concern(concern_id, current_user)
    if concern is None:
        return None
    form = ReplyForm()
    form.words.errors = [
        _("You wrote a lot of replies in a short time."),
        _("Please wait a while. Then try again."),
    ]
    return make_response(render_concern(concern, form, status=429))


@bp.post("/<int:concern_id>/replies")
@limiter.limit(
    _reply_limit, key_func=per_person, deduct_when=counts_as_posted, on_breach=_too_many_replies
)
@permission_required(Permission.USE_PORTAL)
def add_concern_reply(concern_id: int):
    """A member adds a short reply under the concern."""
    concern = queries.get_concern(concern_id, current_user) or abort(404)
    form = ReplyForm()
    if closed_to_posts(concern) or posting_stopped():
        return _reply_refused(concern, form)
    if not form.validate_on_submit():
        return render_concern(concern, form, status=422)
    reply_and_tell(concern, current_user, form.words.data)
    mark_posted()
    flash(_("Thank you. Your reply is under the concern."), "success")
    return redirect(url_for("concerns.show_concern", concern_id=concern.id) + "#replies")


def _reply_refused(concern, form):
    """Nothing was added. The page says why where the form was, and shows their words."""
    if concern.merged_into_id:
        # Staff joined it to another concern while they typed: offer the words there.
        target = queries.get_concern(concern.merged_into_id, current_user)
        if target is not None:
            form.words.errors = [
                _("This concern is now part of another one. This is that one."),
                _("Your reply is in the box. You can send it here."),
            ]
            return render_concern(target, form, status=409)
    # Stopped from posting, or locked: the page says so and shows the words, with no form.
    return render_concern(concern, form, status=403)


def _change_refusal(reply) -> str | None:
    """Why this reply cannot be changed now, for anyone (not only this person)."""
    if reply.created_at < utcnow() - timedelta(minutes=EDIT_MINUTES):
        return _("You can change a reply for 15 minutes after you write it.")
    return closed_to_posts(reply.concern)


@bp.route("/replies/<int:reply_id>/change", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
def change_reply(reply_id: int):
    """Change your own reply, for 15 minutes after writing it, while you may post."""
    reply = queries.get_own_reply(reply_id, current_user) or abort(404)
    back = url_for("concerns.show_concern", concern_id=reply.concern_id) + "#replies"
    stopped = posting_stopped()
    refusal = _change_refusal(reply)
    form = ReplyForm(data={"words": reply.words})
    if stopped or refusal:
        if request.method == "GET":
            flash(stopped or refusal, "error")
            return redirect(back)
        # The reply stays as it was; what they typed comes back to them, with why.
        return render_template(
            "concerns/change_reply.html",
            form=form,
            reply=reply,
            back=back,
            posting_stopped=stopped,
            refusal=refusal,
        ), 403
    if form.validate_on_submit():
        edit_reply(reply, form.words.data)
        flash(_("Your reply is changed."), "success")
        return redirect(back)
    status = 422 if form.is_submitted() else 200
    return render_template("concerns/change_reply.html", form=form, reply=reply, back=back), status


@bp.route("/replies/<int:reply_id>/delete", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
def remove_reply(reply_id: int):
    """Delete your own reply, at any time, after saying yes (also while stopped from posting)."""
    reply = queries.get_own_reply(reply_id, current_user) or abort(404)
    back = url_for("concerns.show_concern", concern_id=reply.concern_id) + "#replies"
    if request.method == "POST":
        delete_reply(reply)
        flash(_("Your reply is deleted."), "success")
        return redirect(back)
    return render_template("concerns/delete_reply.html", reply=reply, back=back)
