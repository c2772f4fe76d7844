"""Publishing an agenda (and telling the people going), its history, and the large-print agenda
members read."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.agendas import bp
from portal.agendas.editor import session_i_run
from portal.agendas.history import history_page
from portal.agendas.publishing import publish_and_tell, tell_going_about_changes, unpublish
from portal.agendas.queries import find_agenda, get_item, item_versions
from portal.agendas.timed import timed_agenda
from portal.converters import database_id
from portal.extensions import limiter, per_person
from portal.sessions.queries import get_visible_session, runs_session


@bp.post("/session/<int:session_id>/publish")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("30 per minute", key_func=per_person)
def publish_agenda(session_id: int):
    """Let members see the agenda (or take it back to a draft), and tell the people going."""
    session, agenda = session_i_run(session_id)
    if request.form.get("publish") == "0":
        unpublish(agenda, current_user)
        message = _("The agenda is a draft again. Members cannot see it now.")
    else:
        publish_and_tell(agenda, session, current_user)
        message = _("Members can see the agenda now.")
    flash(message, "success")
    return redirect(url_for("agendas.edit_agenda", session_id=session.id))


@bp.post("/session/<int:session_id>/tell-people")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("10 per minute", key_func=per_person)
def tell_about_changes(session_id: int):
    """After changing a published agenda: tell the people going to look again."""
    session, agenda = session_i_run(session_id)
    if not agenda.is_published:
        flash(_("It is a draft. Members cannot see it yet."), "error")
    elif tell_going_about_changes(agenda, session):
        flash(_("We told the people going about the changes."), "success")
    else:
        flash(_("The people going know about these changes already."), "info")
    return redirect(url_for("agendas.edit_agenda", session_id=session.id))


@bp.get("/session/<int:session_id>/history")
@permission_required(Permission.RUN_SESSIONS)
def agenda_history(session_id: int):
    """Every change, newest first, with Put this back. ?item= shows one item's changes."""
    session, agenda = session_i_run(session_id)
    item_id = request.args.get("item", type=database_id)
    item = get_item(agenda, item_id) if item_id else None
    before = request.args.get("before", type=database_id)
    rows, older = history_page(agenda, item.id if item else None, before)
    # "Put this version back" names the version seen now, so a change since then is not lost.
    versions = item_versions(agenda, {row.change.item_id for row in rows} - {None})
    return render_template(
        "agendas/history.html",
        training=session,
        agenda=agenda,
        item=item,
        rows=rows,
        older=older,
        versions=versions,
    )


@bp.get("/session/<int:session_id>/print")
@permission_required(Permission.USE_PORTAL)
def print_agenda(session_id: int):
    """The published agenda in large print, to read on screen or print."""
    session = get_visible_session(current_user, session_id)
    if session is None:
        abort(404)
    agenda = find_agenda(session.id)
    if agenda is None or not (agenda.is_published or runs_session(current_user, session)):
        abort(404)
    return render_template(
        "agendas/print_agenda.html",
        training=session,
        timed=timed_agenda(agenda, session, current_user),
    )
