"""Merging a duplicate concern into the one to keep, and undoing it within a day."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.concerns import queries as concern_queries
from portal.concerns.models import Concern
from portal.extensions import db
from portal.moderation import bp, queries
from portal.moderation.forms import MergeForm
from portal.moderation.merging import (
    UNDO_WITHIN,
    CannotMerge,
    CannotUndo,
    merge_concerns,
    undo_merge,
)
from portal.urls import safe_next


@bp.route("/concerns/<int:concern_id>/merge", methods=["GET", "POST"])
@permission_required(Permission.MODERATE)
def merge(concern_id: int):
    """Choose the concern to keep; this one becomes part of it."""
    concern = db.get_or_404(Concern, concern_id)
    form = MergeForm()
    error = None
    if form.validate_on_submit():
        kept = db.session.get(Concern, form.keep_id.data)
        if kept is None:
            error = _("There is no concern with that number.")
        else:
            try:
                merge_concerns(kept, concern, current_user)
            except CannotMerge:
                db.session.rollback()
                error = _("You cannot merge these two. One of them is already merged.")
            else:
                flash(_("Done. The concern is now part of %(title)s.", title=kept.title), "success")
                return redirect(url_for("moderation.concern_page", concern_id=concern.id))
    if error:
        form.keep_id.errors = [error]
    similar = [
        c
        for c in concern_queries.similar_concerns(concern.board, current_user, concern.title, 6)
        if c.id != concern.id
    ][:5]
    status = 422 if form.is_submitted() else 200
    return render_template(
        "moderation/merge.html", concern=concern, form=form, similar=similar
    ), status


@bp.post("/concerns/<int:concern_id>/undo-merge")
@permission_required(Permission.MODERATE)
def undo(concern_id: int):
    """Undo the merge of this concern, within a day: both are put back exactly."""
    concern = db.get_or_404(Concern, concern_id)
    found = queries.undoable_merge(concern.id, UNDO_WITHIN)
    if found is None:
        flash(_("You can only undo a merge for 1 day."), "error")
    else:
        try:
            undo_merge(found, current_user)
        except CannotUndo:
            db.session.rollback()
            flash(_("You cannot undo this merge now. The other concern changed since."), "error")
        else:
            flash(_("Done. The two concerns are apart again."), "success")
    back = safe_next(request.form.get("next"))
    return redirect(back or url_for("moderation.concern_page", concern_id=concern.id))
