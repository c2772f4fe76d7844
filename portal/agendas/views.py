"""Co-trainers' pages: plan the agenda together, live; change, move, delete and put back items."""

from __future__ import annotations

import json
import re

from flask import Response, abort, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.agendas import bp, live
from portal.agendas.conflicts import compare, merge
from portal.agendas.forms import AddItemForm, AnswerForm, ItemForm
from portal.agendas.models import ITEM_KINDS, AgendaChange, AgendaItem
from portal.agendas.queries import (
    get_item,
    history,
    may_edit_version,
    starting_version,
    timed_agenda,
    top_concerns,
    visible_concern_ids,
    waiting_suggestions,
)
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
from portal.sessions.queries import get_visible_session, runs_session
from portal.timefmt import clock_time, when

EDITOR = "agendas/edit_agenda.html"
DRAFT_KEY = re.compile(r"agenda-(new|item|suggest|answer)-\d{1,10}")
ITEM_PAGE = "agendas/change_item.html"

bp.app_template_global("clock_time")(clock_time)
bp.app_template_global("when")(when)


@bp.app_template_global()
def item_kind(code: str) -> tuple[str, str]:
    """The picture and words for a kind of agenda item."""
    picture_name, words = ITEM_KINDS.get(code, ("talk", code))
    return picture_name, str(words)


@bp.app_template_global()
def in_editor() -> bool:
    """True when a part's form is swapped into the editor; its own page posts the plain way."""
    return is_fragment_request()


@bp.app_template_global()
def kind_picture_urls() -> str:
    """Each kind's picture, so the page can show the right one when the kind changes."""
    return json.dumps(
        {
            code: url_for("static", filename=f"pictures/{picture_name}.svg")
            for code, (picture_name, _words) in ITEM_KINDS.items()
        }
    )


def session_i_run(session_id: int):
    """The session and its agenda, if this person runs the session (404 unseen, 403 not theirs)."""
    session = get_visible_session(current_user, session_id)
    if session is None:
        abort(404)
    if not runs_session(current_user, session):
        abort(403)
    return session, agenda_for(session)


def leader_choices(session, *items) -> list:
    """People who can be ticked as leading a part: those running the session, this person,
    and whoever leads the part already (even if they stopped running the session)."""
    people = {person.id: person for person in session.trainers}
    people.setdefault(current_user.id, current_user)
    for item in items:
        for person in item.leader_people if item is not None else []:
            people.setdefault(person.id, person)
    return sorted(people.values(), key=lambda person: person.display_name.lower())


def item_form(session, item=None, **kwargs) -> ItemForm:
    """The item form, offering the concerns with most support (and the item's own concern).
    Without an item it is the add form, with its one-time token."""
    concerns = top_concerns(current_user, include_id=item.concern_id if item else None)
    form_class = ItemForm if item is not None else AddItemForm
    form = form_class(**kwargs).set_concerns(concerns).set_people(leader_choices(session, item))
    if item is not None and item.concern_id and all(c.id != item.concern_id for c in concerns):
        # Someone linked a concern this person may not see: keep it, without its title.
        form.keep_unseen_concern(item.concern_id)
    if item is not None:
        # The add form is on the same page: each item's fields get their own ids.
        for field in form:
            field.id = f"item{item.id}-{field.name}"
            field.label.field_id = field.id
    return form


def safe_draft_key(key: str) -> str:
    """Only our own draft names go back to the page, so the address cannot inject anything."""
    return key if DRAFT_KEY.fullmatch(key) else ""


def _item_or_404(agenda, item_id: int):
    item = get_item(agenda, item_id)
    if item is None:
        abort(404)
    return item


def editor_context(session, agenda, **extra) -> dict:
    people = live.who_is_here(agenda.id, but_not=current_user.id)
    return {
        "training": session,
        "agenda": agenda,
        "timed": timed_agenda(agenda, session, current_user),
        "people": people,
        "suggestions": waiting_suggestions(agenda),
        "latest": next(iter(history(agenda, limit=1)), None),  # said aloud when it is live
        "form": extra.pop("form", None) or item_form(session, formdata=None),
        "answer_form": AnswerForm(formdata=None),
        "forget": "",
        "undo": None,
        "answering": None,  # the suggestion whose answer had a mistake
        "error": False,
        **extra,
    }


@bp.get("/session/<int:session_id>")
@permission_required(Permission.RUN_SESSIONS)
def edit_agenda(session_id: int):
    """Plan the agenda: the items with their times, who else is here, and suggestions."""
    session, agenda = session_i_run(session_id)
    db.session.commit()  # the agenda is made the first time someone opens it
    live.mark_here(agenda.id, current_user.id, current_user.display_name, None, "")
    undo = get_item(agenda, request.args.get("undo", 0, type=database_id))
    context = editor_context(
        session,
        agenda,
        forget=safe_draft_key(request.args.get("forget", "")),
        undo=undo if undo is not None and undo.deleted_at is not None else None,
    )
    return render_page(EDITOR, block="live", **context)


@bp.get("/session/<int:session_id>/live")
@permission_required(Permission.RUN_SESSIONS)
@limiter.exempt
def live_agenda(session_id: int):
    """The live channel: 304 when nothing changed since the ETag the browser sends."""
    found = may_edit_version(current_user, session_id)
    if found is None:
        session_i_run(session_id)  # 404 or 403; else the agenda was just made
        db.session.commit()
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
    response.headers["Cache-Control"] = "private, no-cache"
    return response


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
        db.session.commit()
    except AlreadyAdded as sent_before:
        # A double tap, or the form sent again after a lost connection: the answer is the
        # same as the first time, and the part is there once.
        db.session.rollback()
        item = sent_before.item
    message = _("You added %(title)s.", title=item.title)
    return back_to_editor(session, agenda, message, forget=f"agenda-new-{session.id}")


def back_to_editor(
    session,
    agenda,
    message: str,
    forget: str = "",
    undo=None,
    error: bool = False,
    anchor: str = "agenda-items",
) -> Response:
    """The editor again, with what happened: the live part for htmx, else a redirect."""
    if is_fragment_request():
        context = editor_context(
            session, agenda, message=message, error=error, forget=forget, undo=undo
        )
        # A 200 even for a stale action: the fresh list is the answer, and htmx swaps it in.
        response = render_page(EDITOR, block="live", **context)
        # Saving in place targets the part's own row; the answer is the whole live area.
        response.headers["HX-Retarget"] = "#agenda-live"
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    flash(message, "error" if error else "success")
    args = {"forget": forget or None, "undo": undo.id if undo is not None else None}
    url = url_for("agendas.edit_agenda", session_id=session.id, **args)
    response = redirect(f"{url}#{anchor}")
    response.vary.add("HX-Request")
    return response


@bp.route("/session/<int:session_id>/items/<int:item_id>", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("60 per minute", methods=["POST"], key_func=per_person)
def change_item(session_id: int, item_id: int):
    """Change one item in place. A save from an old version shows the conflict screen."""
    session, agenda = session_i_run(session_id)
    item = _item_or_404(agenda, item_id)
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
    db.session.commit()
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
    item = _item_or_404(agenda, item_id)
    if item.deleted_at is not None:
        message = _("%(title)s is not on the agenda now.", title=item.title)
        return back_to_editor(session, agenda, message, error=True)
    # Dragging names the part it was dropped before ("end" for the bottom): what the person
    # saw, even if others moved parts since. The buttons move one place.
    before = request.form.get("before", "")
    before_id = request.form.get("before", type=database_id)
    steps = {"up": -1, "down": 1}.get(request.form.get("direction") or "", 0)
    moved = move_item(
        agenda,
        item,
        current_user,
        steps=steps,
        before_id=before_id,
        to_end=before == "end",
    )
    db.session.commit()
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
    item = _item_or_404(agenda, item_id)
    if item.deleted_at is not None:
        message = _("%(title)s is not on the agenda now.", title=item.title)
        return back_to_editor(session, agenda, message)
    try:
        item = delete_item(agenda, item.id, _version_sent(), current_user)
    except Conflict:
        db.session.rollback()
        return _changed_meanwhile(session, agenda, item_id)
    db.session.commit()
    message = _("You took %(title)s off the agenda.", title=item.title)
    return back_to_editor(session, agenda, message, undo=item)


@bp.post("/session/<int:session_id>/items/<int:item_id>/put-back")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("60 per minute", key_func=per_person)
def put_back_item(session_id: int, item_id: int):
    """Undo a delete, or put back an earlier version from the history."""
    session, agenda = session_i_run(session_id)
    item = _item_or_404(agenda, item_id)
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
    db.session.commit()
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
