"""Raising a concern: one question at a time, every answer saved on the server as it is given."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.accounts.posting import posting_stopped
from portal.concerns import bp, queries
from portal.concerns.forms import DetailsForm, PictureForm, PlaceForm, TitleForm
from portal.concerns.labels import DEFAULT_PICTURE, PICTURES
from portal.concerns.models import Review
from portal.concerns.services import create_concern, discard_draft, save_draft
from portal.extensions import counts_as_posted, limiter, mark_posted, per_person
from portal.transactions import keep_writes_on_refusal

# (form, the draft field it fills). The last step, checking, has no form of its own.
STEPS = [
    (TitleForm, "title"),
    (DetailsForm, "details"),
    (PlaceForm, "place"),
    (PictureForm, "picture"),
]
CHECK_STEP = len(STEPS) + 1


def _board(board_id: int):
    board = queries.get_board(board_id, current_user)
    if board is None or board.archived_at is not None:
        abort(404)
    return board


def _step_url(board, step: int) -> str:
    return url_for("concerns.raise_concern", board_id=board.id, step=step)


def _concern_limit() -> str:
    return current_app.config["CONCERN_RATE_LIMIT"]


def _too_many(limit):
    """The limit is reached: say so in easy read, with their answers. The draft stays."""
    board_id = (request.view_args or {}).get("board_id", 0)
    board = queries.get_board(board_id, current_user) if current_user.is_authenticated else None
    draft = queries.get_draft(current_user, board) if board else None
    if draft is None or not draft.title:
        return make_response(render_template("concerns/too_many.html", board_id=board_id), 429)
    return make_response(_check_step(board, draft, too_many=True, status=429))


@bp.route("/boards/<int:board_id>/raise", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
def raise_concern(board_id: int):
    """One step of raising a concern. Next and Back both save what is in the box first."""
    board = _board(board_id)
    stopped = posting_stopped()
    if stopped and request.method == "GET":
        flash(stopped, "error")
        return redirect(url_for("concerns.show_board", board_id=board.id))
    # The step travels in the form too, so a form sent again after an ended session
    # (which keeps the fields but not the address) still lands on the right step.
    asked = request.form.get("step", type=int) or request.args.get("step", 1, type=int) or 1
    step = min(max(asked, 1), CHECK_STEP)
    draft = queries.get_draft(current_user, board)
    if step > 1 and (draft is None or not draft.title):
        return redirect(_step_url(board, 1))
    if step == CHECK_STEP:
        return _check_step(board, draft, stopped=stopped, status=403 if stopped else 200)
    form_class, name = STEPS[step - 1]
    # No picture picked is an answer to check; any other missing box means the form was not sent.
    if request.method == "GET" or (name not in request.form and name != "picture"):
        form = form_class(formdata=None, data={name: getattr(draft, name) if draft else ""})
        return _render_step(board, form, name, step, stopped=stopped)
    form = form_class()
    going_back = request.form.get("go") == "back"
    valid = form.validate_on_submit()
    # Save what was typed even when it is not right yet: nothing is ever lost.
    save_draft(current_user, board, **{name: form[name].data or ""})
    keep_writes_on_refusal()  # the 403 and 422 answers below keep the saved words too
    if stopped:
        # Staff stopped them posting while they typed: the answer is saved, and shown with why.
        return _render_step(board, form, name, step, stopped=stopped)
    if valid or going_back:
        return redirect(_step_url(board, step - 1 if going_back else step + 1))
    return _render_step(board, form, name, step)


def _render_step(board, form, name: str, step: int, stopped: str | None = None):
    return render_template(
        "concerns/raise_concern.html",
        board=board,
        form=form,
        field_name=name,
        step=step,
        steps=CHECK_STEP,
        posting_stopped=stopped,
    ), (403 if stopped else 422 if form.errors else 200)


def _check_step(
    board, draft, *, stopped: str | None = None, too_many: bool = False, status: int = 200
):
    """The last step: similar concerns ("Is it one of these?") and the answers, to check.

    When the concern cannot go on the board now (`stopped`, `too_many`), it says why above
    the answers; they stay saved.
    """
    similar = queries.similar_concerns(board, current_user, draft.title)
    return render_template(
        "concerns/raise_check.html",
        board=board,
        draft=draft,
        similar=similar,
        supported_ids=queries.supported_ids(current_user, [c.id for c in similar]),
        picture_words=PICTURES,
        step=CHECK_STEP,
        steps=CHECK_STEP,
        posting_stopped=stopped,
        too_many=too_many,
    ), status


@bp.post("/boards/<int:board_id>/raise/post")
@limiter.limit(
    _concern_limit, key_func=per_person, deduct_when=counts_as_posted, on_breach=_too_many
)
@permission_required(Permission.USE_PORTAL)
def post_concern(board_id: int):
    """Put the checked draft on the board, then say thank you."""
    board = _board(board_id)
    draft = queries.get_draft(current_user, board)
    if draft is None:
        return redirect(_step_url(board, 1))
    if stopped := posting_stopped():
        # Not put on the board. The answers stay saved, and the page shows them with why.
        return _check_step(board, draft, stopped=stopped, status=403)
    title_form = TitleForm(formdata=None, data={"title": draft.title}, meta={"csrf": False})
    if not title_form.validate():
        flash(_("Please check what the problem is."), "error")
        return redirect(_step_url(board, 1))
    picture = draft.picture if draft.picture in PICTURES else DEFAULT_PICTURE
    concern = create_concern(
        board,
        current_user,
        title=title_form.title.data,
        details=draft.details.strip()[:2000],
        place=draft.place.strip()[:200],
        picture=picture,
    )
    mark_posted()
    return redirect(url_for("concerns.thank_you", concern_id=concern.id))


@bp.post("/boards/<int:board_id>/raise/stop")
@permission_required(Permission.USE_PORTAL)
def stop_raising(board_id: int):
    """Throw away the answers so far."""
    board = _board(board_id)
    discard_draft(current_user, board)
    flash(_("We deleted your answers. Nothing was put on the board."), "success")
    return redirect(url_for("concerns.show_board", board_id=board.id))


@bp.get("/<int:concern_id>/thank-you")
@permission_required(Permission.USE_PORTAL)
def thank_you(concern_id: int):
    """Thank you, and what happens next."""
    concern = queries.get_concern(concern_id, current_user)
    if concern is None or concern.author_id != current_user.id:
        abort(404)
    return render_template(
        "concerns/thank_you.html", concern=concern, waiting=concern.review == Review.WAITING
    )
