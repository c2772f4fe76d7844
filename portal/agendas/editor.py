"""What every co-trainers' agenda page shares: the session they run, the part's form, and the
editor's context and answer. No routes here: views.py, views_items.py, views_publishing.py and
views_ideas.py hold those."""

from __future__ import annotations

import re

from flask import Response, abort, url_for
from flask_login import current_user

from portal.agendas import live
from portal.agendas.backing import backing_counts
from portal.agendas.forms import AddItemForm, AnswerForm, ItemForm
from portal.agendas.history import history
from portal.agendas.queries import get_item, top_concerns, waiting_suggestions
from portal.agendas.services import agenda_for
from portal.agendas.timed import timed_agenda
from portal.htmx import answer, is_fragment_request
from portal.sessions.queries import get_session_run_by

EDITOR = "agendas/edit_agenda.html"
DRAFT_KEY = re.compile(r"agenda-(new|item|suggest|answer)-\d{1,10}")


def session_i_run(session_id: int):
    """The session and its agenda, if this person runs the session (404 unseen, 403 not theirs)."""
    session = get_session_run_by(current_user, session_id)
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


def item_or_404(agenda, item_id: int):
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
        "suggestions": (suggestions := waiting_suggestions(agenda)),
        "backing_counts": backing_counts(suggestion.id for suggestion in suggestions),
        "latest": next(iter(history(agenda, limit=1)), None),  # said aloud when it is live
        "form": extra.pop("form", None) or item_form(session, formdata=None),
        "answer_form": AnswerForm(formdata=None),
        "forget": "",
        "undo": None,
        "answering": None,  # the suggestion whose answer had a mistake
        "error": False,
        **extra,
    }


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
    args = {"forget": forget or None, "undo": undo.id if undo is not None else None}
    url = url_for("agendas.edit_agenda", session_id=session.id, **args)
    # A 200 even for a stale action: the fresh list is the answer, and htmx swaps it in.
    response = answer(
        EDITOR,
        "live",
        to=f"{url}#{anchor}",
        flash_message=message,
        flash_error=error,
        lazy_context=lambda: editor_context(
            session, agenda, message=message, error=error, forget=forget, undo=undo
        ),
    )
    if is_fragment_request():
        # Saving in place targets the part's own row; the answer is the whole live area.
        response.headers["HX-Retarget"] = "#agenda-live"
        response.headers["HX-Reswap"] = "outerHTML"
    return response
