"""Publishing, history, suggestions, and the agenda members read (also in large print)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.agendas import bp
from portal.agendas.forms import AnswerForm, PickConcernForm, SuggestionForm
from portal.agendas.models import SuggestionStatus
from portal.agendas.queries import (
    find_agenda,
    get_item,
    get_suggestion,
    history_page,
    item_versions,
    own_suggestions,
    seen_at,
    timed_agenda,
    top_concerns,
)
from portal.agendas.services import (
    AlreadyAnswered,
    accept_suggestion,
    agenda_for,
    claim_telling,
    decline_suggestion,
    mark_seen,
    publish,
    suggest,
    unpublish,
)
from portal.agendas.views import (
    EDITOR,
    back_to_editor,
    editor_context,
    safe_draft_key,
    session_i_run,
)
from portal.concerns.models import Status
from portal.concerns.services import add_update, supporter_ids
from portal.converters import database_id
from portal.extensions import counts_as_posted, db, limiter, mark_posted, per_person
from portal.htmx import is_fragment_request, render_page
from portal.notices.services import notify
from portal.sessions.models import Booking, BookingStatus
from portal.sessions.queries import get_visible_session, runs_session
from portal.timeutil import utcnow


def agenda_panel(session, user) -> dict:
    """What the session page shows of the agenda; marks it seen. The calling view commits."""
    agenda = find_agenda(session.id)
    runs_it = runs_session(user, session)
    if agenda is None or not (agenda.is_published or runs_it):
        return {"agenda": None, "timed": None}
    last_seen = seen_at(agenda, user)
    timed = timed_agenda(agenda, session, user, seen_at=last_seen)
    if agenda.is_published:
        mark_seen(agenda, user)
    return {"agenda": agenda, "timed": timed}


def _going_ids(session) -> list[int]:
    rows = db.session.scalars(
        db.select(Booking.user_id).where(
            Booking.session_id == session.id, Booking.status == BookingStatus.GOING
        )
    )
    return list(rows)


@bp.post("/session/<int:session_id>/publish")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("30 per minute", key_func=per_person)
def publish_agenda(session_id: int):
    """Let members see the agenda (or take it back to a draft), and tell the people going."""
    session, agenda = session_i_run(session_id)
    link = url_for("sessions.show_session", session_id=session.id) + "#agenda"
    if request.form.get("publish") == "0":
        unpublish(agenda, current_user)
        message = _("The agenda is a draft again. Members cannot see it now.")
    else:
        if publish(agenda, current_user):
            notify(_going_ids(session), "agenda_published", link=link, title=session.title)
        message = _("Members can see the agenda now.")
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("agendas.edit_agenda", session_id=session.id))


@bp.post("/session/<int:session_id>/tell-people")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("10 per minute", key_func=per_person)
def tell_about_changes(session_id: int):
    """After changing a published agenda: tell the people going to look again."""
    session, agenda = session_i_run(session_id)
    link = url_for("sessions.show_session", session_id=session.id) + "#agenda"
    if not agenda.is_published:
        flash(_("It is a draft. Members cannot see it yet."), "error")
    elif claim_telling(agenda):
        notify(_going_ids(session), "agenda_changed", link=link, title=session.title)
        flash(_("We told the people going about the changes."), "success")
    else:
        flash(_("The people going know about these changes already."), "info")
    db.session.commit()
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
    db.session.commit()
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


@bp.route("/session/<int:session_id>/suggest", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
# Only an idea that was sent counts: one refused (empty, too long, too late) is not one of the 20.
@limiter.limit("20 per hour", methods=["POST"], key_func=per_person, deduct_when=counts_as_posted)
def suggest_item(session_id: int):
    """A member says what they want to talk about, and sees the answers to what they asked."""
    session = get_visible_session(current_user, session_id)
    if session is None:
        abort(404)
    agenda = agenda_for(session)
    picking = request.form.get("pick") == "1"
    form = SuggestionForm(formdata=None if picking else request.form or None)
    concerns = top_concerns(current_user, limit=5)
    pick_form = PickConcernForm(formdata=request.form if picking else None)
    pick_form.set_concerns(concerns)
    closed = _closed_for_ideas(session)
    # When it is closed the page says why and shows the words they sent, so nothing is lost.
    if (
        request.method == "POST"
        and not closed
        and (pick_form.validate() if picking else form.validate())
    ):
        if picking:
            concern = next(c for c in concerns if str(c.id) == pick_form.concern.data)
            suggest(agenda, current_user, concern.title[:80], "", concern_id=concern.id)
        else:
            suggest(agenda, current_user, form.title.data, form.details.data or "")
        db.session.commit()
        mark_posted()
        flash(_("Thank you. The people running the session will look at it."), "success")
        forget = f"agenda-suggest-{session.id}"
        return redirect(url_for("agendas.suggest_item", session_id=session.id, forget=forget))
    suggestions = own_suggestions(agenda, current_user)
    db.session.commit()
    status = (409 if closed else 422) if request.method == "POST" else 200
    forget = safe_draft_key(request.args.get("forget", ""))
    return render_template(
        "agendas/suggest.html",
        training=session,
        form=form,
        pick_form=pick_form,
        suggestions=suggestions,
        forget=forget,
        closed=closed,
    ), status


def _closed_for_ideas(session) -> str:
    """Why nobody can suggest anything for this session now ("" when they can)."""
    if session.is_cancelled:
        return _("This session is cancelled. You cannot send ideas for it.")
    if session.start_at <= utcnow():
        return _("This session has started. You cannot send ideas for it now.")
    return ""


@bp.post("/session/<int:session_id>/suggestions/<int:suggestion_id>")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("60 per minute", key_func=per_person)
def answer_suggestion(session_id: int, suggestion_id: int):
    """Accept a suggestion (it becomes an item) or say no, with a short reply they will see."""
    session, agenda = session_i_run(session_id)
    suggestion = get_suggestion(agenda, suggestion_id)
    if suggestion is None:
        abort(404)
    form = AnswerForm()
    accepting = request.form.get("accept") == "1"
    if suggestion.status != SuggestionStatus.WAITING:
        return _answered_already(session, agenda)
    if accepting:
        form.reply.validators = form.reply.validators[1:]  # a reply is kind, not needed
    else:
        del form.minutes  # saying no needs no minutes
    if not form.validate():
        context = editor_context(session, agenda, answer_form=form, answering=suggestion.id)
        status = 200 if is_fragment_request() else 422
        return render_page(EDITOR, block="live", status=status, **context)
    link = url_for("agendas.suggest_item", session_id=session.id)
    reply = form.reply.data or ""
    try:
        if accepting:
            accept_suggestion(agenda, suggestion, current_user, form.minutes.data, reply)
        else:
            decline_suggestion(agenda, suggestion, reply)
    except AlreadyAnswered:
        db.session.rollback()
        return _answered_already(session, agenda)
    if accepting:
        if suggestion.concern is not None:
            _concern_on_the_agenda(suggestion.concern, session)
        kind = "agenda_suggestion_accepted" if reply else "agenda_suggestion_accepted_no_reply"
        notify(suggestion.user_id, kind, link=link, title=suggestion.title, reply=reply)
        message = _("%(title)s is on the agenda now.", title=suggestion.title)
    else:
        notify(
            suggestion.user_id,
            "agenda_suggestion_declined",
            link=link,
            title=suggestion.title,
            reply=reply,
        )
        message = _("You said no to %(title)s. They will see your answer.", title=suggestion.title)
    db.session.commit()
    forget = f"agenda-answer-{suggestion.id}"
    return back_to_editor(session, agenda, message, forget=forget, anchor="agenda-suggestions")


def _answered_already(session, agenda):
    message = _("Someone answered this already.")
    return back_to_editor(session, agenda, message, error=True, anchor="agenda-suggestions")


def _concern_on_the_agenda(concern, session) -> None:
    """A concern still being talked about is now "On an agenda"; one that moved on (action,
    done, closed) keeps its status. Through the concerns feature's own service, so its history
    and notices stay whole."""
    if concern.status not in (Status.NEW, Status.TALKING):
        return
    words = _("It is on the agenda for %(title)s.", title=session.title)
    add_update(concern, current_user, status=Status.AGENDA, words=words)
    people = (set(supporter_ids(concern.id)) | {concern.author_id}) - {current_user.id}
    link = url_for("concerns.show_concern", concern_id=concern.id)
    notify(sorted(people), "concern_status_changed", link=link, title=concern.title)
