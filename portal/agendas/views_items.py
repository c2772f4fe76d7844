"""Co-trainers change the parts of an agenda: add, change in place (with the conflict screen when
someone saved first), move, take off and put back."""

from __future__ import annotations

from flask import Response, abort, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.agendas import bp, live
from portal.agendas.conflicts import compare, merge
from portal.agendas.editor import (
    EDITOR,
    back_to_editor,
    editor_context,
    item_form,
    item_or_404,
    session_i_run,
)
from portal.agendas.forms import ItemForm
from portal.agendas.history import history, starting_version
from portal.agendas.models import AgendaChange
from portal.agendas.queries import get_item, visible_concern_ids
from portal.agendas.services import (
    AlreadyAdded,
    Conflict,
    add_item,
    agenda_for,
    delete_item,
    move_item,
    put_back,
    update_item,
)
from portal.converters import database_id
from portal.extensions import db, limiter, per_person
from portal.htmx import is_fragment_request, render_page

ITEM_PAGE = "agendas/change_item.html"


@bp.post("/session/<int:session_id>/items")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("60 per minute", key_func=per_person)
def add_agenda_item(session_id: int):
    """Add an item at the end of the agenda."""
    session, agenda = session_i_run(session_id)
    form = item_form(session)
    if not form.validate():
        return render_page(
            EDITOR,
            block="add_form",
            status=200 if is_fragment_request() else 422,
            **editor_context(session, agenda, form=form),
        )
    try:
        item = add_item(agenda, current_user, add_key=form.add_key(), **form.values())
    except AlreadyAdded as sent_before:
        # A double tap, or the form sent again after a lost connection: the answer is the
        # same as the first time, and the part is there once.
        db.session.rollback()
        item = sent_before.item
    message = _("You added %(title)s.", title=item.title)
    return back_to_editor(session, agenda, message, forget=f"agenda-new-{session.id}")


@bp.route("/session/<int:session_id>/items/<int:item_id>", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("60 per minute", methods=["POST"], key_func=per_person)
def change_item(session_id: int, item_id: int):
    """Change one item in place. A save from an old version shows the conflict screen."""
    session, agenda = session_i_run(session_id)
    item = item_or_404(agenda, item_id)
    if request.method == "GET":
        form = item_form(session, item, obj=item)
        form.version.data = item.version
        live.mark_here(agenda.id, current_user.id, current_user.display_name, item.id, item.title)
        return render_page(ITEM_PAGE, block="item_form", training=session, item=item, form=form)
    form = item_form(session, item)
    if not form.validate():
        return render_page(
            ITEM_PAGE,
            block="item_form",
            status=200 if is_fragment_request() else 422,
            training=session,
            item=item,
            form=form,
        )
    try:
        expected = database_id(form.version.data or "")
    except ValueError:
        expected = -1  # a missing or odd version never matches
    try:
        item = update_item(agenda, item.id, expected, current_user, form.values())
    except Conflict:
        db.session.rollback()
        theirs = get_item(agenda, item_id)
        return _conflict(session, theirs, form, expected)
    message = _("You saved %(title)s.", title=item.title)
    return back_to_editor(session, agenda, message, forget=f"agenda-item-{item.id}")


def _conflict(session, theirs, form: ItemForm, expected: int) -> Response:
    """Someone saved first: show their words and yours side by side; nothing is lost.

    The form is filled with both people's changes where they changed different fields, so
    "Save my words" never quietly undoes theirs (see conflicts.merge).
    """
    if theirs is None:
        abort(404)
    agenda = agenda_for(session)
    changes = history(agenda, theirs.id, limit=1)
    last = changes[0] if changes else None
    start = starting_version(agenda, theirs.id, expected)
    yours = form.values()
    merged, changed_by = merge(start, theirs.values(), yours)
    form.offer_people(theirs.leader_people)  # so both versions can be mixed by hand
    people = {int(choice.value): str(choice.label) for choice in form.leader_ids.choices}
    # Titles only of concerns this person may see (either version may name another one).
    offered = {int(c.value): str(c.label) for c in form.concern_id.choices if c.value}
    if theirs.concern is not None:
        offered.setdefault(theirs.concern.id, theirs.concern.title)
    visible = visible_concern_ids(current_user, set(offered))
    concerns = {concern_id: offered[concern_id] for concern_id in visible}
    form.fill(merged)
    form.version.raw_data = None  # their version, so the next save is based on it
    form.version.data = str(theirs.version)
    return render_page(
        "agendas/conflict.html",
        block="item_form",
        status=200 if is_fragment_request() else 409,
        training=session,
        item=theirs,
        theirs=theirs,
        last=last,
        pairs=compare(theirs, yours, people, concerns, changed_by),
        form=form,
    )


@bp.post("/session/<int:session_id>/items/<int:item_id>/move")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("120 per minute", key_func=per_person)
def move_agenda_item(session_id: int, item_id: int):
    """Move up, Move down, or (from dragging) to a place in the list."""
    session, agenda = session_i_run(session_id)
    item = item_or_404(agenda, item_id)
    if item.deleted_at is not None:
        message = _("%(title)s is not on the agenda now.", title=item.title)
        return back_to_editor(session, agenda, message, error=True)
    # Dragging names the part it was dropped before ("end" for the bottom): what the person
    # saw, even if others moved parts since. The buttons move one place.
    before = request.form.get("before", "")
    steps = {"up": -1, "down": 1}.get(request.form.get("direction") or "", 0)
    moved = move_item(
        agenda,
        item,
        current_user,
        steps=steps,
        before_id=request.form.get("before", type=database_id),
        to_end=before == "end",
    )
    if moved:
        message = _("You moved %(title)s.", title=item.title)
    else:
        message = _("%(title)s is already there.", title=item.title)
    return back_to_editor(session, agenda, message)


@bp.post("/session/<int:session_id>/items/<int:item_id>/delete")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("60 per minute", key_func=per_person)
def delete_agenda_item(session_id: int, item_id: int):
    """Take an item off the agenda, with an Undo button; not if it changed since you looked."""
    session, agenda = session_i_run(session_id)
    item = item_or_404(agenda, item_id)
    if item.deleted_at is not None:
        message = _("%(title)s is not on the agenda now.", title=item.title)
        return back_to_editor(session, agenda, message)
    try:
        item = delete_item(agenda, item.id, _version_sent(), current_user)
    except Conflict:
        db.session.rollback()
        return _changed_meanwhile(session, agenda, item_id)
    message = _("You took %(title)s off the agenda.", title=item.title)
    return back_to_editor(session, agenda, message, undo=item)


@bp.post("/session/<int:session_id>/items/<int:item_id>/put-back")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("60 per minute", key_func=per_person)
def put_back_item(session_id: int, item_id: int):
    """Undo a delete, or put back an earlier version from the history."""
    session, agenda = session_i_run(session_id)
    item = item_or_404(agenda, item_id)
    change_id = request.form.get("change", type=database_id)
    snapshot = None
    if change_id:
        change = db.session.get(AgendaChange, change_id)
        if change is None or change.item_id != item.id:
            abort(404)
        snapshot = change.snapshot
    try:
        item = put_back(agenda, item.id, _version_sent(), current_user, snapshot)
    except Conflict:
        db.session.rollback()
        return _changed_meanwhile(session, agenda, item_id)
    message = _("You put back %(title)s.", title=item.title)
    return back_to_editor(session, agenda, message)


def _version_sent() -> int:
    """The item's version the person saw; a missing or odd one never matches."""
    return request.form.get("version", -1, type=database_id)


def _changed_meanwhile(session, agenda, item_id: int) -> Response:
    """Someone changed the item after this person looked: nothing happens; show it as it is."""
    item = get_item(agenda, item_id)
    message = _(
        "Someone changed %(title)s just now, so we did nothing. Look at it again.",
        title=item.title,
    )
    return back_to_editor(session, agenda, message, error=True)
