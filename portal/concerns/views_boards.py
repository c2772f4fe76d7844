"""Staff pages for boards: add, rename, choose who they are for, reorder, archive."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.concerns import board_list, bp
from portal.concerns.forms import BoardForm
from portal.concerns.models import Board
from portal.concerns.services import create_board, move_board, set_board_archived, update_board
from portal.extensions import db
from portal.groups.queries import list_groups


def _group_id(form: BoardForm) -> int | None:
    return int(form.group.data) if form.group.data else None


@bp.get("/manage")
@permission_required(Permission.MANAGE_BOARDS)
def manage_boards():
    """Every board, open and archived, in the order members see them."""
    boards = board_list.list_boards(current_user, include_archived=True)
    return render_template(
        "concerns/manage_boards.html",
        open_boards=[b for b in boards if b.archived_at is None],
        archived_boards=[b for b in boards if b.archived_at is not None],
    )


@bp.route("/manage/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_BOARDS)
def add_board():
    """Make a new board."""
    form = BoardForm(groups=list_groups())
    if form.validate_on_submit():
        board = create_board(
            name=form.name.data,
            picture=form.picture.data,
            group_id=_group_id(form),
            check_first=form.check_first.data,
        )
        flash(_("The board %(name)s is ready.", name=board.name), "success")
        return redirect(url_for("concerns.manage_boards"))
    return render_template("concerns/edit_board.html", form=form, board=None)


@bp.route("/manage/<int:board_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_BOARDS)
def edit_board(board_id: int):
    """Rename a board, change its picture, who it is for, and whether staff check first."""
    board = db.get_or_404(Board, board_id)
    form = BoardForm(obj=board, groups=list_groups())
    if request.method == "GET":
        form.group.data = str(board.group_id) if board.group_id else ""
    if form.validate_on_submit():
        update_board(
            board,
            name=form.name.data,
            picture=form.picture.data,
            group_id=_group_id(form),
            check_first=form.check_first.data,
        )
        flash(_("The changes to %(name)s are saved.", name=board.name), "success")
        return redirect(url_for("concerns.manage_boards"))
    return render_template("concerns/edit_board.html", form=form, board=board)


@bp.post("/manage/<int:board_id>/move")
@permission_required(Permission.MANAGE_BOARDS)
def move_board_view(board_id: int):
    """Move a board up or down the list."""
    board = db.get_or_404(Board, board_id)
    direction = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if direction is None:
        abort(400)
    move_board(board, direction)
    flash(_("The board %(name)s moved.", name=board.name), "success")
    return redirect(url_for("concerns.manage_boards") + f"#board-{board.id}")


@bp.post("/manage/<int:board_id>/archive")
@permission_required(Permission.MANAGE_BOARDS)
def archive_board(board_id: int):
    """Archive a board (members stop seeing it), or bring it back."""
    board = db.get_or_404(Board, board_id)
    archived = request.form.get("archived") == "1"
    set_board_archived(board, archived)
    if archived:
        flash(
            _("The board %(name)s is archived. Members cannot see it now.", name=board.name),
            "success",
        )
    else:
        flash(_("The board %(name)s is open again.", name=board.name), "success")
    return redirect(url_for("concerns.manage_boards"))
