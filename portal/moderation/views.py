"""Members tell staff about a concern or reply; staff work through the queue and decide."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from portal.accounts.permissions import Permission, can, permission_required
from portal.concerns import queries as concern_queries
from portal.concerns.models import Concern, Reply
from portal.converters import database_id
from portal.extensions import counts_as_posted, db, limiter, mark_posted
from portal.htmx import answer, is_fragment_request, render_page
from portal.moderation import bp, queries
from portal.moderation.forms import CloseForm, HideForm, ReportForm
from portal.moderation.models import CONCERN, REPLY
from portal.moderation.services import (
    ACTIONS,
    BULK_ACTIONS,
    AlreadyDone,
    Decision,
    decide,
    decide_many,
    report_item,
)
from portal.pagination import page_number
from portal.urls import safe_next


# --- Members: "Tell staff about this" -------------------------------------------------------
def _report(item, kind: str, back: str):
    if item.author_id == current_user.id:
        flash(_("This is yours. You can talk to staff about it."), "info")
        return redirect(back)
    if queries.has_reported(kind, item.id, current_user.id):
        return render_template("moderation/report_thanks.html", back=back, already=True)
    form = ReportForm()
    if form.validate_on_submit():
        report_item(item, current_user, form.reason.data, form.note.data or "")
        mark_posted()
        return redirect(url_for("moderation.report_thanks", next=back))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "moderation/report.html", form=form, item=item, kind=kind, back=back
    ), status


def _user_key() -> str:
    return f"user:{current_user.get_id() and current_user.id}"


REPORT_LIMIT = "30 per hour; 100 per day"  # per member, counted only when a report is made


@bp.route("/report/concerns/<int:concern_id>", methods=["GET", "POST"])
@limiter.limit(REPORT_LIMIT, key_func=_user_key, deduct_when=counts_as_posted, methods=["POST"])
@permission_required(Permission.USE_PORTAL)
def report_concern(concern_id: int):
    """Tell staff about a concern: pick what is wrong. One report per member per concern."""
    concern = concern_queries.get_concern(concern_id, current_user) or abort(404)
    back = url_for("concerns.show_concern", concern_id=concern.id)
    return _report(concern, CONCERN, back)


@bp.route("/report/replies/<int:reply_id>", methods=["GET", "POST"])
@limiter.limit(REPORT_LIMIT, key_func=_user_key, deduct_when=counts_as_posted, methods=["POST"])
@permission_required(Permission.USE_PORTAL)
def report_reply(reply_id: int):
    """Tell staff about a reply under a concern."""
    reply = db.session.get(Reply, reply_id)
    if reply is None or concern_queries.get_concern(reply.concern_id, current_user) is None:
        abort(404)
    hidden_from_me = reply.hidden_at and reply.author_id != current_user.id
    if hidden_from_me and not can(current_user, Permission.SEE_HIDDEN_CONCERNS):
        abort(404)
    back = url_for("concerns.show_concern", concern_id=reply.concern_id) + f"#reply-{reply.id}"
    return _report(reply, REPLY, back)


@bp.get("/report/thank-you")
@permission_required(Permission.USE_PORTAL)
def report_thanks():
    """Thank you. Staff will look at it."""
    return render_template(
        "moderation/report_thanks.html", back=safe_next(request.args.get("next"))
    )


# --- Staff: the queue -------------------------------------------------------------------------
@bp.get("")
@permission_required(Permission.MODERATE)
def queue():
    """What needs a look, oldest first: waiting concerns, reported items, hidden by reports."""
    page = page_number()
    return _render_queue("queue_list", page)


def _render_queue(block: str, page: int = 1, **extra):
    items, has_more = queries.list_queue(page)
    return render_page(
        "moderation/queue.html",
        block=block,
        items=items,
        has_more=has_more,
        page=page,
        counts=queries.queue_counts(),
        hide_form=HideForm(formdata=None),
        close_form=CloseForm(formdata=None),
        **extra,
    )


@bp.get("/concerns/<int:concern_id>")
@permission_required(Permission.MODERATE)
def concern_page(concern_id: int):
    """One concern for staff: every action, its reports and its log."""
    return _item_page(CONCERN, concern_id)


@bp.get("/replies/<int:reply_id>")
@permission_required(Permission.MODERATE)
def reply_page(reply_id: int):
    """One reply for staff: every action, its reports and its log."""
    return _item_page(REPLY, reply_id)


def _item_page(kind, item_id, hide_form=None, close_form=None, status=200):
    entry = queries.queue_item(kind, item_id) or abort(404)
    log_filter = queries.LogFilter(concern_id=entry.concern.id)
    return render_template(
        "moderation/item.html",
        entry=entry,
        hide_form=hide_form or HideForm(formdata=None),
        close_form=close_form or CloseForm(formdata=None),
        log=queries.list_log(log_filter)[0],
    ), status


@bp.post("/concerns/<int:concern_id>/act")
@permission_required(Permission.MODERATE)
def act_on_concern(concern_id: int):
    """Approve, hide, restore, lock, unlock, close or mark reports dealt with: one tap."""
    return _act(CONCERN, db.get_or_404(Concern, concern_id))


@bp.post("/replies/<int:reply_id>/act")
@permission_required(Permission.MODERATE)
def act_on_reply(reply_id: int):
    """Hide, restore or mark reports dealt with, for a reply."""
    return _act(REPLY, db.get_or_404(Reply, reply_id))


def _done_message(action: str) -> str:
    words = {
        "approve": _("Done. Everyone can see it now."),
        "hide": _("Done. It is hidden. The author is told why."),
        "restore": _("Done. It is back where it was."),
        "lock": _("Done. It is locked."),
        "unlock": _("Done. It is unlocked."),
        "close": _("Done. It is closed."),
        "dealt": _("Done. The reports are dealt with."),
    }
    return words[action]


def _act(kind: str, item):
    action = request.form.get("action", "")
    if action not in ACTIONS:
        abort(400)
    decision, error, forms = _read_decision(action)
    if error is None:
        try:
            decide(item, current_user, decision)
        except AlreadyDone:
            db.session.rollback()
            error = _("Someone else decided first. This is how it is now.")
    if error and forms and not is_fragment_request():
        flash(error, "error")
        return _item_page(kind, item.id, status=422, **forms)
    message = error or _done_message(action)
    # The same shape as the page the row is on: the queue's, or the item page's own.
    place = "item" if request.form.get("place") == "item" else "queue"
    return answer(
        f"moderation/{place}.html",
        "queue_row",
        to=safe_next(request.form.get("next")) or url_for("moderation.queue"),
        flash_message=message,
        flash_error=bool(error),
        lazy_context=lambda: {
            "entry": queries.queue_item(kind, item.id),
            "hide_form": HideForm(formdata=None),
            "close_form": CloseForm(formdata=None),
        },
        row_message=message,
        row_error=bool(error),
    )


def _read_decision(action: str):
    """The decision from the form; an error message and the forms when something is missing."""
    if action == "hide":
        form = HideForm()
        if not form.validate():
            return None, _("Pick a reason to hide it."), {"hide_form": form}
        return Decision("hide", form.reason.data, form.note.data or ""), None, None
    if action == "close":
        form = CloseForm()
        if not form.validate():
            return None, _("Say what happened in a few words."), {"close_form": form}
        return Decision("close", note=form.outcome.data), None, None
    return Decision(action), None, None


@bp.post("/bulk")
@permission_required(Permission.MODERATE)
def bulk():
    """The same decision on every ticked item, all in one go: all happen, or none."""
    action = request.form.get("action", "")
    if action not in BULK_ACTIONS:
        abort(400)
    keys = []
    for value in request.form.getlist("item")[:500]:
        kind, _sep, number = value.partition(":")
        try:
            item_id = database_id(number)
        except ValueError:
            continue  # a ticked box we never offered
        if kind in (CONCERN, REPLY):
            keys.append((kind, item_id))
    items = list(queries.load_items(keys).values())
    if not items:
        return _bulk_answer(_("Tick at least one item first."), error=True)
    decision, error, _forms = _read_decision(action)
    if error:
        return _bulk_answer(error, error=True)
    done, skipped = decide_many(items, current_user, decision)
    message = ngettext("Done for %(num)s item.", "Done for %(num)s items.", done)
    if skipped:
        message += " " + ngettext(
            "Someone else already did %(num)s item.",
            "Someone else already did %(num)s items.",
            skipped,
        )
    return _bulk_answer(message)


def _bulk_answer(message: str, error: bool = False):
    """Without JavaScript: back to the queue, with the message. With htmx: the queue as that
    page would show it; or, when nothing was done, only the message, so the ticks stay."""
    if not is_fragment_request():
        flash(message, "error" if error else "success")
        response = redirect(url_for("moderation.queue"))
    elif error:
        response = render_page(
            "moderation/queue.html", block="bulk_message", message=message, error=True
        )
        response.headers["HX-Retarget"] = "#bulk-message"
        response.headers["HX-Reswap"] = "outerHTML"
    else:
        response = _render_queue("queue_page", message=message, error=False)
        # The redirect would land on the queue's first page: say so in the address bar too.
        response.headers["HX-Replace-Url"] = url_for("moderation.queue")
    return response
