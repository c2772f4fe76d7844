"""Members' ideas: a member suggests something to talk about and reads the answers; the people
running the session say yes (it becomes a part of the agenda) or no."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.accounts.posting import posting_stopped
from portal.agendas import bp
from portal.agendas.backing import ideas_to_back
from portal.agendas.editor import (
    EDITOR,
    back_to_editor,
    editor_context,
    safe_draft_key,
    session_i_run,
)
from portal.agendas.forms import AnswerForm, PickConcernForm, SuggestionForm
from portal.agendas.models import SuggestionStatus
from portal.agendas.queries import get_suggestion, own_suggestions, top_concerns
from portal.agendas.services import agenda_for
from portal.agendas.suggestions import (
    AlreadyAnswered,
    accept_suggestion,
    decline_suggestion,
    suggest,
)
from portal.extensions import counts_as_posted, db, limiter, mark_posted, per_person
from portal.htmx import is_fragment_request, render_page
from portal.sessions.queries import get_visible_session
from portal.timeutil import utcnow
from portal.transactions import keep_writes_on_refusal


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
    stopped = _ideas_stopped()
    # When it is closed, or they may not post, the page says why and shows the words they sent,
    # so nothing is lost; and no form is offered.
    if (
        request.method == "POST"
        and not (closed or stopped)
        and (pick_form.validate() if picking else form.validate())
    ):
        if picking:
            concern = next(c for c in concerns if str(c.id) == pick_form.concern.data)
            suggest(agenda, current_user, concern.title[:80], "", concern_id=concern.id)
        else:
            suggest(agenda, current_user, form.title.data, form.details.data or "")
        mark_posted()
        flash(_("Thank you. The people running the session will look at it."), "success")
        forget = f"agenda-suggest-{session.id}"
        return redirect(url_for("agendas.suggest_item", session_id=session.id, forget=forget))
    suggestions = own_suggestions(agenda, current_user)
    if request.method == "POST":
        keep_writes_on_refusal()  # the agenda is made, and answered ideas are marked seen
    status = (403 if stopped else 409 if closed else 422) if request.method == "POST" else 200
    forget = safe_draft_key(request.args.get("forget", ""))
    return render_template(
        "agendas/suggest.html",
        training=session,
        form=form,
        pick_form=pick_form,
        suggestions=suggestions,
        forget=forget,
        closed=closed,
        stopped=stopped,
        **ideas_to_back(agenda, current_user),
    ), status


def _closed_for_ideas(session) -> str:
    """Why nobody can suggest anything for this session now ("" when they can)."""
    if session.is_cancelled:
        return _("This session is cancelled. You cannot send ideas for it.")
    if session.start_at <= utcnow():
        return _("This session has started. You cannot send ideas for it now.")
    return ""


def _ideas_stopped() -> str | None:
    """Staff stopped this person posting: an idea is a post too, as a reply or a concern is."""
    stopped = posting_stopped()
    if stopped is None:
        return None
    cannot = _("You cannot send ideas for now.")
    still = _("You can still read everything. You can talk to staff about it.")
    return f"{stopped} {cannot} {still}"


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
    reply = form.reply.data or ""
    try:
        if accepting:
            accept_suggestion(session, agenda, suggestion, current_user, form.minutes.data, reply)
        else:
            decline_suggestion(agenda, suggestion, reply)
    except AlreadyAnswered:
        db.session.rollback()
        return _answered_already(session, agenda)
    if accepting:
        message = _("%(title)s is on the agenda now.", title=suggestion.title)
    else:
        message = _("You said no to %(title)s. They will see your answer.", title=suggestion.title)
    forget = f"agenda-answer-{suggestion.id}"
    return back_to_editor(session, agenda, message, forget=forget, anchor="agenda-suggestions")


def _answered_already(session, agenda):
    message = _("Someone answered this already.")
    return back_to_editor(session, agenda, message, error=True, anchor="agenda-suggestions")
