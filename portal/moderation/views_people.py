"""Edit for clarity, and stopping or allowing a member's posting."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required, posting_can_be_stopped
from portal.accounts.posting import get_suspension
from portal.accounts.services import person_or_404
from portal.concerns.models import Concern, Reply
from portal.extensions import db
from portal.moderation import bp
from portal.moderation.forms import ClarifyConcernForm, ClarifyReplyForm, SuspendForm
from portal.moderation.people import clarify, restore_posting, suspend_posting


@bp.route("/concerns/<int:concern_id>/clarify", methods=["GET", "POST"])
@permission_required(Permission.MODERATE)
def clarify_concern(concern_id: int):
    """Rewrite a concern's title and words in easy read; the author's own words are kept."""
    concern = db.get_or_404(Concern, concern_id)
    form = ClarifyConcernForm(data={"title": concern.title, "details": concern.details or ""})
    if form.validate_on_submit():
        clarify(concern, current_user, title=form.title.data, details=form.details.data)
        flash(_("Done. The author can see both versions."), "success")
        return redirect(url_for("moderation.concern_page", concern_id=concern.id))
    status = 422 if form.is_submitted() else 200
    return render_template("moderation/clarify.html", form=form, item=concern), status


@bp.route("/replies/<int:reply_id>/clarify", methods=["GET", "POST"])
@permission_required(Permission.MODERATE)
def clarify_reply(reply_id: int):
    """Rewrite a reply in easy read; the author's own words are kept."""
    reply = db.get_or_404(Reply, reply_id)
    form = ClarifyReplyForm(data={"words": reply.words})
    if form.validate_on_submit():
        clarify(reply, current_user, words=form.words.data)
        flash(_("Done. The author can see both versions."), "success")
        return redirect(url_for("moderation.reply_page", reply_id=reply.id))
    status = 422 if form.is_submitted() else 200
    return render_template("moderation/clarify.html", form=form, item=reply), status


@bp.route("/people/<int:person_id>/posting", methods=["GET", "POST"])
@permission_required(Permission.MODERATE)
def posting(person_id: int):
    """Stop a member posting, with a reason they are shown, or let them post again."""
    person = person_or_404(person_id)
    if not posting_can_be_stopped(person):
        abort(404)
    form = SuspendForm()
    if request.method == "POST" and request.form.get("allow") == "1":
        restore_posting(person, current_user)
        flash(_("%(name)s can post again.", name=person.display_name), "success")
        return redirect(url_for("moderation.posting", person_id=person.id))
    if form.validate_on_submit():
        suspend_posting(person, current_user, form.reason.data)
        flash(_("%(name)s cannot post now.", name=person.display_name), "success")
        return redirect(url_for("moderation.posting", person_id=person.id))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "moderation/posting.html", person=person, form=form, suspension=get_suspension(person.id)
    ), status
