"""Co-trainers plan the agenda together: the editor page and its live channel. Changing the
parts is in views_items.py."""

from __future__ import annotations

from flask import make_response, request
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.agendas import bp, live
from portal.agendas.editor import EDITOR, editor_context, safe_draft_key, session_i_run
from portal.agendas.models import AgendaItem
from portal.agendas.queries import get_item, may_edit_version
from portal.converters import database_id
from portal.extensions import db, limiter
from portal.htmx import is_fragment_request, render_page
from portal.sessions.feedback import last_time


@bp.get("/session/<int:session_id>")
@permission_required(Permission.RUN_SESSIONS)
def edit_agenda(session_id: int):
    """Plan the agenda: the items with their times, who else is here, and suggestions."""
    session, agenda = session_i_run(session_id)
    live.mark_here(agenda.id, current_user.id, current_user.display_name, None, "")
    undo = get_item(agenda, request.args.get("undo", 0, type=database_id))
    context = editor_context(
        session,
        agenda,
        forget=safe_draft_key(request.args.get("forget", "")),
        undo=undo if undo is not None and undo.deleted_at is not None else None,
    )
    if not is_fragment_request():
        context.update(
            last_time(session, current_user)
        )  # "Last time, members said": the whole page only
    return render_page(EDITOR, block="live", **context)


@bp.get("/session/<int:session_id>/live")
@permission_required(Permission.RUN_SESSIONS)
@limiter.exempt
def live_agenda(session_id: int):
    """The live channel: 304 when nothing changed since the ETag the browser sends."""
    found = may_edit_version(current_user, session_id)
    if found is None:
        session_i_run(session_id)  # 404 or 403; else the agenda was just made
        db.session.flush()
        found = may_edit_version(current_user, session_id)
    agenda_id, version = found
    editing = request.args.get("editing", type=database_id)
    title = ""
    if editing:
        item = db.session.get(AgendaItem, editing)  # one primary-key read while someone types
        title = item.title if item is not None and item.agenda_id == agenda_id else ""
        editing = editing if title else None
    live.mark_here(agenda_id, current_user.id, current_user.display_name, editing, title)
    people = live.who_is_here(agenda_id, but_not=current_user.id)
    etag = live.fingerprint(agenda_id, version, people)
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        session, agenda = session_i_run(session_id)
        response = render_page(EDITOR, block="live", **editor_context(session, agenda))
    response.set_etag(etag)
    # The poll sends its own If-None-Match, so the answer need not be kept: private drafts are not.
    response.headers["Cache-Control"] = "private, no-store"
    return response
