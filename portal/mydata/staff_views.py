"""Staff: the accounts people asked to remove, and removing one after checking with them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import User
from portal.accounts.permissions import Permission, permission_required
from portal.extensions import db
from portal.mydata import bp
from portal.mydata.removal import list_asking, may_ask_to_remove, remove_account


def _asking_or_404(user_id: int) -> User:
    person = db.session.get(User, user_id)
    if person is None or person.removal_asked_at is None or person.removed_at is not None:
        abort(404)
    if not may_ask_to_remove(person) or person.id == current_user.id:
        abort(404)
    return person


@bp.get("/people/removals")
@permission_required(Permission.MANAGE_PEOPLE)
def removals():
    """Who asked us to remove their account, who asked first at the top."""
    return render_template("mydata/removals.html", people=list_asking())


@bp.get("/people/removals/<int:user_id>")
@permission_required(Permission.MANAGE_PEOPLE)
def confirm_removal(user_id: int):
    """What removing this account does: staff read it, then confirm."""
    return render_template("mydata/confirm_removal.html", person=_asking_or_404(user_id))


@bp.post("/people/removals/<int:user_id>")
@permission_required(Permission.MANAGE_PEOPLE)
def remove(user_id: int):
    """Remove the account now: its name goes from everything, its counts stay."""
    person = _asking_or_404(user_id)
    remove_account(person, current_user)
    flash(_("We removed the account. It has no name now."), "success")
    return redirect(url_for("mydata.removals"))
