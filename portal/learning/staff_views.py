"""For staff: the steps toward co-training, the Train the trainers sessions, who is close,
and inviting a member to become a co-trainer."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.validators import InputRequired, NumberRange

from portal.accounts.models import User
from portal.accounts.permissions import Permission, permission_required
from portal.extensions import db
from portal.forms import PictureChoiceField, PortalForm, TickBoxesField, WholeNumberField, choices
from portal.learning import bp
from portal.learning.models import STEP_CHOICES, TrainTheTrainers
from portal.learning.progress import learners, list_steps
from portal.learning.services import (
    CannotInvite,
    add_step,
    invite_to_co_train,
    remove_step,
    set_train_the_trainers,
)
from portal.sessions.models import TrainingSession
from portal.timefmt import day_in_words
from portal.timeutil import utcnow

NUMBER = _l("Write a number from 1 to 100.")


class StepForm(PortalForm):
    kind = PictureChoiceField(
        _l("What must they do?"),
        choices=[],
        validators=[InputRequired(_l("Choose one from the list."))],
    )
    number = WholeNumberField(
        _l("How many times?"),
        validators=[InputRequired(NUMBER), NumberRange(min=1, max=100, message=NUMBER)],
    )


class TrainTheTrainersForm(PortalForm):
    sessions = TickBoxesField(_l("Train the trainers sessions"))


def _recent_sessions() -> list[TrainingSession]:
    now = utcnow()
    return list(
        db.session.scalars(
            sa.select(TrainingSession)
            .where(
                TrainingSession.start_at > now - timedelta(days=730),
                TrainingSession.start_at < now + timedelta(days=365),
                TrainingSession.cancelled_at.is_(None),
            )
            .order_by(TrainingSession.start_at.desc())
            .limit(60)
        )
    )


def _ttt_form(sessions, formdata=None) -> TrainTheTrainersForm:
    form = TrainTheTrainersForm(formdata=formdata)
    form.sessions.choices = choices(
        (s.id, f"{s.title}, {day_in_words(s.start_at)}") for s in sessions
    )
    if formdata is None:
        ids = [s.id for s in sessions]
        form.sessions.data = list(
            db.session.scalars(
                sa.select(TrainTheTrainers.session_id).where(TrainTheTrainers.session_id.in_(ids))
            )
        )
    return form


def _step_form(formdata=None) -> StepForm:
    form = StepForm(formdata=formdata)
    form.kind.choices = choices(STEP_CHOICES.items())
    return form


def _page(step_form=None, ttt_form=None, status=200):
    sessions = _recent_sessions()
    return render_template(
        "learning/steps.html",
        steps=list_steps(),
        step_form=step_form or _step_form(),
        ttt_form=ttt_form or _ttt_form(sessions),
        learners=learners(),
    ), status


@bp.get("/steps")
@permission_required(Permission.MANAGE_PEOPLE)
def steps():
    """The steps, the Train the trainers sessions, and the members closest to the steps."""
    return _page()


@bp.post("/steps")
@permission_required(Permission.MANAGE_PEOPLE)
def add_learning_step():
    form = _step_form(request.form)
    if not form.validate():
        return _page(step_form=form, status=422)
    add_step(form.kind.data, form.number.data)
    flash(_("The step is added. Members see it on My learning."), "success")
    return redirect(url_for("learning.steps"))


@bp.post("/steps/<int:step_id>/remove")
@permission_required(Permission.MANAGE_PEOPLE)
def remove_learning_step(step_id: int):
    remove_step(step_id)
    flash(_("The step is taken away."), "success")
    return redirect(url_for("learning.steps"))


@bp.post("/steps/train-the-trainers")
@permission_required(Permission.MANAGE_PEOPLE)
def mark_train_the_trainers():
    sessions = _recent_sessions()
    form = _ttt_form(sessions, formdata=request.form)
    if not form.validate():
        return _page(ttt_form=form, status=422)
    set_train_the_trainers(form.sessions.data, [s.id for s in sessions])
    flash(_("Saved."), "success")
    return redirect(url_for("learning.steps"))


@bp.post("/people/<int:person_id>/invite")
@permission_required(Permission.MANAGE_PEOPLE)
def invite(person_id: int):
    """Invite a member to become a co-trainer: they are told, and answer on My learning."""
    person = db.session.get(User, person_id) or abort(404)
    try:
        invite_to_co_train(person, current_user)
    except CannotInvite:
        flash(_("You can only invite a member whose account is on."), "error")
        return redirect(url_for("learning.steps"))
    flash(_("We told %(name)s. They can say yes or not now.", name=person.display_name), "success")
    return redirect(url_for("learning.steps"))
