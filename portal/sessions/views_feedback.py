"""How was it?: one screen for a member who came, changeable for a week after the session."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length

from portal.accounts.permissions import Permission, permission_required
from portal.extensions import limiter
from portal.forms import PictureChoiceField, PortalForm, choices, strip_text
from portal.sessions import bp
from portal.sessions.came import person_came
from portal.sessions.feedback import (
    FACES,
    WORDS_LIMIT,
    FeedbackClosed,
    closed_reason,
    give_feedback,
    own_feedback,
)
from portal.sessions.queries import get_visible_session

TOO_LONG = _l("Use 2000 letters or fewer.")
BY_VOICE = _l("You do not have to write. You can speak with your phone's keyboard.")


class FeedbackForm(PortalForm):
    face = PictureChoiceField(
        _l("Tap a face"),
        choices=choices((code, words) for code, (_picture, words) in FACES.items()),
        validators=[InputRequired(_l("Choose a face: good, all right or not good."))],
    )
    # Plain text boxes with a hint each (the hint's id is the box's id + "-hint"), so writing
    # hints can join them later.
    what_good = TextAreaField(
        _l("What was good?"),
        description=BY_VOICE,
        filters=[strip_text],
        validators=[Length(max=WORDS_LIMIT, message=TOO_LONG)],
    )
    what_change = TextAreaField(
        _l("What should change?"),
        description=BY_VOICE,
        filters=[strip_text],
        validators=[Length(max=WORDS_LIMIT, message=TOO_LONG)],
    )
    named = BooleanField(
        _l("Say it was me"),
        description=_l("If you do not tick this, the trainers do not see your name."),
    )


@bp.route("/<int:session_id>/how-was-it", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
@limiter.limit("30 per minute", methods=["POST"])
def how_was_it(session_id: int):
    """Three faces and, if they like, words. Only for people who came."""
    session = get_visible_session(current_user, session_id) or abort(404)
    if not person_came(session.id, current_user.id):
        abort(403)
    reason = closed_reason(session, current_user)
    mine = own_feedback(session.id, current_user.id)
    form = FeedbackForm()
    if not form.is_submitted() and mine is not None:
        # Only to show: a sent form stands alone, so an empty box empties the answer.
        form.process(obj=mine)
    if reason is None and form.validate_on_submit():
        try:
            give_feedback(
                session,
                current_user,
                face=form.face.data,
                what_good=form.what_good.data,
                what_change=form.what_change.data,
                named=form.named.data,
            )
        except FeedbackClosed as closed:
            reason = closed.reason
        else:
            flash(_("Thank you. We saved what you said."), "success")
            return redirect(url_for("sessions.show_session", session_id=session.id))
    status = 200
    if form.is_submitted():
        status = 409 if reason else 422
    return render_template(
        "sessions/how_was_it.html",
        training=session,
        form=form,
        reason=reason,
        mine=mine,
        faces=FACES,
    ), status
