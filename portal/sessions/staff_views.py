"""Pages for staff and co-trainers: add, change, copy, cancel and put back on; who is coming."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.accounts.models import User
from portal.accounts.permissions import Permission, can, permission_required
from portal.groups.queries import list_groups
from portal.sessions import bp
from portal.sessions.forms import SessionForm
from portal.sessions.models import HELP_NEEDS
from portal.sessions.queries import (
    get_session_run_by,
    list_attendance,
    list_trainers,
)
from portal.sessions.services import (
    SessionStarted,
    cancel_session,
    create_session,
    put_session_back_on,
    update_session,
)
from portal.spreadsheets import csv_download
from portal.timeutil import utcnow


def _session_i_run(session_id: int):
    return get_session_run_by(current_user, session_id)


def _form(**kwargs) -> SessionForm:
    return SessionForm(groups=list_groups(), trainers=list_trainers(), **kwargs)


def _chosen_trainers(form: SessionForm) -> list[User]:
    chosen = {person.id: person for person in list_trainers() if person.id in form.trainers.data}
    if not can(current_user, Permission.RUN_ANY_SESSION):
        chosen[current_user.id] = current_user  # else they could not change what they made
    return list(chosen.values())


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
def add_session():
    """Make a new session."""
    form = _form()
    return _save_new(form)


@bp.route("/<int:session_id>/copy", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
def copy_session(session_id: int):
    """A repeat of a session: everything filled in except the day."""
    original = _session_i_run(session_id)
    form = _form()
    if not form.is_submitted():
        form.fill_from(original, with_day=False)
    return _save_new(form, original=original)


def _save_new(form: SessionForm, original=None):
    if form.validate_on_submit():
        session = create_session(trainers=_chosen_trainers(form), **form.fields())
        flash(_("The session is ready. Members can see it now."), "success")
        return redirect(url_for("sessions.show_session", session_id=session.id))
    status = 422 if form.is_submitted() else 200
    return render_template("sessions/edit_session.html", form=form, original=original), status


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
def edit_session(session_id: int):
    """Change a session. People going or waiting are told if the time changes.

    A new start must be in the future, as for a new session. A session that has started or
    happened keeps its time and can still have everything else changed.
    """
    session = _session_i_run(session_id)
    form = _form(current_start=session.start_at, current_end=session.end_at)
    if not form.is_submitted():
        form.fill_from(session)
    if form.validate_on_submit():
        update_session(session, trainers=_chosen_trainers(form), **form.fields())
        flash(_("The changes are saved."), "success")
        return redirect(url_for("sessions.show_session", session_id=session.id))
    status = 422 if form.is_submitted() else 200
    return render_template("sessions/edit_session.html", form=form, training=session), status


@bp.route("/<int:session_id>/cancel", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
def cancel(session_id: int):
    """Ask first, then cancel. Bookings and help needs are kept."""
    session = _session_i_run(session_id)
    form = FlaskForm()  # nothing to fill in: just the CSRF check
    if form.validate_on_submit():
        cancel_session(session)
        flash(_("The session is cancelled. We told everyone who was coming."), "success")
        return redirect(url_for("sessions.show_session", session_id=session.id))
    return render_template("sessions/cancel_session.html", training=session, form=form)


@bp.route("/<int:session_id>/back-on", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
def put_back_on(session_id: int):
    """Ask first, then undo a cancel. Only before the session starts."""
    session = _session_i_run(session_id)
    if not session.is_cancelled:
        flash(_("This session is not cancelled."), "info")
        return redirect(url_for("sessions.show_session", session_id=session.id))
    form = FlaskForm()  # nothing to fill in: just the CSRF check
    if form.validate_on_submit():
        try:
            put_session_back_on(session)
        except SessionStarted:
            return _back_on_page(session, form), 409
        flash(_("The session is back on. We told everyone who was coming."), "success")
        return redirect(url_for("sessions.show_session", session_id=session.id))
    return _back_on_page(session, form)


def _back_on_page(session, form: FlaskForm) -> str:
    return render_template(
        "sessions/put_back_on.html",
        training=session,
        form=form,
        too_late=session.start_at <= utcnow(),
    )


@bp.get("/<int:session_id>/people")
@permission_required(Permission.RUN_SESSIONS)
def attendance(session_id: int):
    """Who is coming and who is waiting, with the help they need. Prints as a sign-in sheet."""
    session = _session_i_run(session_id)
    going, waiting = list_attendance(session)
    return render_template(
        "sessions/attendance.html", training=session, going=going, waiting=waiting
    )


@bp.get("/<int:session_id>/people.csv")
@permission_required(Permission.RUN_SESSIONS)
def attendance_csv(session_id: int):
    """The attendance list as a spreadsheet file."""
    session = _session_i_run(session_id)
    going, waiting = list_attendance(session)
    header = [_("Name"), _("Answer"), _("Help they need"), _("Something else")]
    rows = [
        [
            booking.user.display_name,
            label,
            "; ".join(str(HELP_NEEDS[code][1]) for code in booking.help_needs),
            booking.help_other,
        ]
        for label, bookings in ((_("Going"), going), (_("Waiting"), waiting))
        for booking in bookings
    ]
    return csv_download(f"session-{session.id}-people.csv", header, rows)
