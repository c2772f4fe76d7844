"""My learning: a member's sessions, topics, ideas, steps, and an invitation to co-train."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.extensions import limiter, per_person
from portal.learning import bp
from portal.learning.progress import (
    ideas_on_agendas,
    open_invite,
    path_for,
    topics_covered,
)
from portal.learning.services import AlreadyAnswered, InviteNoLongerValid, answer_invite
from portal.sessions.came import sessions_came_to


@bp.get("")
@permission_required(Permission.USE_PORTAL)
def my_learning():
    """What I came to and learned, and my steps toward co-training."""
    return render_template(
        "learning/my_learning.html",
        came=sessions_came_to(current_user.id),
        topics=topics_covered(current_user.id),
        ideas=ideas_on_agendas(current_user.id),
        path=path_for(current_user.id),
        invite=open_invite(current_user.id),
    )


@bp.post("/invitation")
@permission_required(Permission.USE_PORTAL)
@limiter.limit("20 per minute", key_func=per_person)
def answer_invitation():
    """Yes (I become a co-trainer now) or not now. `answer` says which."""
    answer = request.form.get("answer")
    if answer not in ("yes", "not_now"):
        abort(400)
    invite = open_invite(current_user.id)
    if invite is None:
        flash(_("There is no invitation to answer now."), "info")
        return redirect(url_for("learning.my_learning"))
    try:
        answer_invite(invite, current_user, accept=answer == "yes")
    except AlreadyAnswered:
        flash(_("There is no invitation to answer now."), "info")
        return redirect(url_for("learning.my_learning"))
    except InviteNoLongerValid:
        flash(_("This invitation cannot be used now. Ask staff if you want to co-train."), "info")
        return redirect(url_for("learning.my_learning"))
    if answer == "yes":
        flash(_("Welcome, co-trainer! You can help run sessions now."), "success")
    else:
        flash(_("That is fine. You can keep learning. Staff can ask you again later."), "success")
    return redirect(url_for("learning.my_learning"))
