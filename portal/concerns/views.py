"""Members' pages: boards, a board's concerns, one concern, supporting, updates, My concerns.

Replies are in views_replies.py, raising a concern in views_raise.py.
"""

from __future__ import annotations

from datetime import timedelta

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, can, permission_required
from portal.accounts.posting import posting_stopped
from portal.concerns import board_list, bp, queries
from portal.concerns.forms import ReplyForm, UpdateForm
from portal.concerns.labels import STATUS_WORDS
from portal.concerns.models import Status
from portal.concerns.refusals import closed_to_posts, support_stopped, update_stopped
from portal.concerns.reported import reported_keys
from portal.concerns.services import give_update, set_support, support_count
from portal.htmx import answer, render_page
from portal.pagination import page_number
from portal.timeutil import utcnow
from portal.urls import safe_next

EDIT_MINUTES = 15


def _load_concern(concern_id: int):
    concern = queries.get_concern(concern_id, current_user)
    if concern is None:
        abort(404)  # not there, or not for you: the same answer, so nothing leaks
    return concern


@bp.get("")
@permission_required(Permission.USE_PORTAL)
def list_boards():
    """The boards this person can see, each with a picture and how many concerns are on it."""
    boards = board_list.list_boards(current_user)
    counts = board_list.count_concerns_by_board(boards, current_user)
    # All the list shows, in order: the list is kept by it (portal/fragments.py).
    shown = tuple(
        (b.id, b.picture, b.name, counts.get(b.id, 0), b.group.name if b.group else None)
        for b in boards
    )
    return render_template(
        "concerns/list_boards.html",
        boards=boards,
        counts=counts,
        boards_shown=shown,
        posting_stopped=posting_stopped(),
    )


@bp.get("/boards/<int:board_id>")
@permission_required(Permission.USE_PORTAL)
def show_board(board_id: int):
    """A board's concerns, most supported or newest first, one page at a time."""
    board = queries.get_board(board_id, current_user) or abort(404)
    sort = request.args.get("sort", "support")
    sort = sort if sort in queries.SORTS else "support"
    status = request.args.get("status", "")
    status = status if status in queries.STATUSES else ""
    page = page_number()
    result = queries.list_board_concerns(board, current_user, sort=sort, status=status, page=page)
    # "Show more" asks for just the next piece; changing the sort or filter asks for the list.
    block = "more_concerns" if request.args.get("part") == "more" else "concern_list"
    return render_page(
        "concerns/show_board.html",
        block=block,
        board=board,
        result=result,
        posting_stopped=posting_stopped(),
        sort=sort,
        status_filter=status,
        status_words=STATUS_WORDS,
    )


@bp.get("/<int:concern_id>")
@permission_required(Permission.USE_PORTAL)
def show_concern(concern_id: int):
    """One concern: what it is, who supports it, what is happening, and replies."""
    concern, supported = queries.get_concern_and_support(concern_id, current_user)
    if concern is None:
        abort(404)  # not there, or not for you: the same answer, so nothing leaks
    if concern.merged_into_id:
        # Merged into another concern: the old address still works and leads there.
        return redirect(url_for("concerns.show_concern", concern_id=concern.merged_into_id), 301)
    return render_concern(concern, ReplyForm(formdata=None), supported=supported)


def render_concern(
    concern, reply_form, update_form=None, status: int = 200, supported: bool | None = None
):
    """The concern page. A reply form holding words that could not be sent shows them again.
    `supported` is asked for when the caller has not read it already."""
    if supported is None:
        supported = bool(queries.supported_ids(current_user, [concern.id]))
    can_update = can(current_user, Permission.UPDATE_CONCERNS)
    if update_form is None and can_update:
        # Built only for those who see it: a member's page has no update form.
        update_form = UpdateForm(
            formdata=None, data={"status": concern.status.value}, id_prefix="update-"
        )
    stopped = posting_stopped()
    return render_template(
        "concerns/show_concern.html",
        concern=concern,
        supported=supported,
        support_stopped=support_stopped(stopped),
        posting_stopped=stopped,
        updates=queries.list_updates(concern.id),
        replies=queries.list_replies(concern.id, current_user),
        reported=reported_keys(current_user, concern),
        reply_form=reply_form,
        update_form=update_form,
        can_update=can_update,
        update_stopped=update_stopped(stopped),
        edit_until=utcnow() - timedelta(minutes=EDIT_MINUTES),
        status_words=STATUS_WORDS,
    ), status


@bp.post("/<int:concern_id>/support")
@permission_required(Permission.USE_PORTAL)
def set_own_support(concern_id: int):
    """Support a concern, or take support back: the form says which, so a double tap is safe."""
    concern = _load_concern(concern_id)
    refusal = closed_to_posts(concern) or support_stopped()
    if refusal:
        return _support_refused(concern, refusal)
    wanted = request.form.get("supported") == "1"
    set_support(concern.id, current_user.id, wanted)
    count = support_count(concern.id)
    if wanted:
        message = _("You support this. Tap again to take your support back.")
    else:
        message = _("You took your support back. Tap again to support it.")
    # Back to where the button was: the board (at this concern) or the concern page.
    target = safe_next(request.form.get("next")) or url_for(
        "concerns.show_concern", concern_id=concern.id
    )
    return answer(
        "concerns/show_concern.html",
        "support_box",
        to=target,
        flash_message=message,
        concern=concern,
        supported=wanted,
        support_total=count,
        support_next=safe_next(request.form.get("next")),
        support_message=message,
    )


def _support_refused(concern, refusal: str):
    """Say why nothing changed: in the box for htmx, on the concern page without JavaScript."""
    return answer(
        "concerns/show_concern.html",
        "support_box",
        to=url_for("concerns.show_concern", concern_id=concern.id),
        flash_message=refusal,
        flash_error=True,
        lazy_context=lambda: {"supported": bool(queries.supported_ids(current_user, [concern.id]))},
        concern=concern,
        support_stopped=refusal,
    )


@bp.post("/<int:concern_id>/updates")
@permission_required(Permission.UPDATE_CONCERNS)
def add_concern_update(concern_id: int):
    """Staff or a co-trainer changes the status and says what is happening."""
    concern = _load_concern(concern_id)
    form = UpdateForm(id_prefix="update-")
    if update_stopped():
        # Staff stopped them posting while they typed: nothing is sent, their words come back.
        return render_concern(concern, ReplyForm(formdata=None), form, status=403)
    if not form.validate_on_submit():
        return render_concern(concern, ReplyForm(formdata=None), form, status=422)
    give_update(
        concern,
        current_user,
        status=Status(form.status.data),
        words=form.words.data,
        closed_reason=form.closed_reason.data,
    )
    link = url_for("concerns.show_concern", concern_id=concern.id)
    flash(_("Thank you. People who support this will see your update."), "success")
    return redirect(link + "#updates")


@bp.get("/mine")
@permission_required(Permission.USE_PORTAL)
def my_concerns():
    """What I raised and what I support, with the latest status of each."""
    return render_template(
        "concerns/my_concerns.html",
        posting_stopped=posting_stopped(),
        raised=queries.list_raised(current_user),
        supported=queries.list_supported(current_user),
        status_words=STATUS_WORDS,
    )
