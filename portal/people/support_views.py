"""Supporters' pages: a member's supporters and saying yes; people a supporter helps; staff
asking for a member and stopping a link. The rules for acting are in accounts/acting_for.py."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.acting_for import can_act_for
from portal.accounts.helping import Scope, SupportLink
from portal.accounts.models import User
from portal.accounts.permissions import Permission, permission_required
from portal.accounts.services import person_or_404
from portal.extensions import db
from portal.forms import choices
from portal.people import bp
from portal.people.support_forms import (
    SCOPE_CHOICES,
    AskSupporterForm,
    SayYesForm,
    StaffAskSupporterForm,
)
from portal.people.supporters import (
    NotASupporter,
    OnlyMembers,
    ask_for_supporter,
    every_link_of,
    find_supporter,
    links_of_member,
    people_helped_by,
    say_yes,
    start_helping,
    stop_helping,
    stop_link,
    supporters_to_choose,
)


def _only_members() -> str:
    return _("Only members can have a supporter. People who run sessions or work here cannot.")


def _own_link(link_id: int) -> SupportLink:
    """A link of the signed-in member: anyone else's is "not found", never a hint it exists."""
    link = db.session.get(SupportLink, link_id)
    if link is None or link.member_id != current_user.id or link.stopped_at is not None:
        abort(404)
    return link


@bp.route("/supporters", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
def my_supporters():
    """The people who help me, the ones waiting for my yes, and asking someone new."""
    form = AskSupporterForm()
    if form.validate_on_submit():
        try:
            supporter = find_supporter(form.username.data)
            ask_for_supporter(current_user, supporter, by=current_user)
        except NotASupporter:
            form.username.errors.append(_("We cannot find a supporter with that username."))
        except OnlyMembers:
            form.username.errors.append(_only_members())
        else:
            flash(_("Now say yes to %(name)s below.", name=supporter.display_name), "success")
            return redirect(url_for("people.my_supporters"))
    links = links_of_member(current_user.id)
    status = 422 if form.errors else 200
    return render_template(
        "people/my_supporters.html", links=links, form=form, scope_choices=SCOPE_CHOICES
    ), status


@bp.route("/supporters/<int:link_id>/yes", methods=["GET", "POST"])
@permission_required(Permission.USE_PORTAL)
def say_yes_to_supporter(link_id: int):
    """The member, on their own sign-in, says yes and chooses what the supporter may do."""
    link = _own_link(link_id)
    form = SayYesForm(scopes=link.scopes or [scope.value for scope in Scope])
    if form.validate_on_submit():
        try:
            say_yes(link, form.scopes.data)
        except OnlyMembers:
            flash(_only_members(), "error")
            return redirect(url_for("people.my_supporters"))
        flash(_("%(name)s can help you now.", name=link.supporter.display_name), "success")
        return redirect(url_for("people.my_supporters"))
    return render_template(
        "people/say_yes.html", link=link, form=form, scope_choices=SCOPE_CHOICES
    ), (422 if form.errors else 200)


@bp.post("/supporters/<int:link_id>/stop")
@permission_required(Permission.USE_PORTAL)
def stop_supporter(link_id: int):
    """One tap: this person does not help me any more (or: no, thank you)."""
    link = _own_link(link_id)
    name = link.supporter.display_name
    stop_link(link.id, by=current_user)
    flash(_("%(name)s cannot help you now.", name=name), "success")
    return redirect(url_for("people.my_supporters"))


@bp.get("/helping")
@permission_required(Permission.HELP_MEMBERS)
def people_you_help():
    return render_template("people/people_you_help.html", links=people_helped_by(current_user.id))


@bp.post("/helping/<int:link_id>/start")
@permission_required(Permission.HELP_MEMBERS)
def start_helping_member(link_id: int):
    link = db.session.get(SupportLink, link_id)
    if link is None or not any(
        can_act_for(current_user, link.member, scope, link) for scope in Scope
    ):
        abort(404)
    start_helping(link)
    return redirect(url_for("pages.home"))


@bp.post("/helping/stop")
@permission_required(Permission.USE_PORTAL)
def stop_helping_member():
    """Back to the supporter's own account. Harmless when not helping."""
    name = current_user.display_name if getattr(current_user, "helper", None) else None
    stop_helping()
    if name:
        flash(_("You stopped helping %(name)s.", name=name), "success")
    return redirect(url_for("people.people_you_help"))


@bp.post("/<int:person_id>/supporters")
@permission_required(Permission.MANAGE_PEOPLE)
def staff_ask_supporter(person_id: int):
    """Staff ask, with the member there; the member still says yes on their own sign-in."""
    person = person_or_404(person_id)
    form = StaffAskSupporterForm()
    form.supporter.choices = choices((s.id, s.display_name) for s in supporters_to_choose())
    if form.validate_on_submit() and form.supporter.data != person.id:
        supporter = db.session.get(User, form.supporter.data)
        try:
            ask_for_supporter(person, supporter, by=current_user)
        except OnlyMembers:
            flash(_only_members(), "error")
        else:
            flash(_("%(name)s can say yes when they sign in.", name=person.display_name), "success")
    else:
        flash(_("Choose who will help."), "error")
    return redirect(url_for("people.edit_person", person_id=person.id) + "#supporters-heading")


@bp.post("/<int:person_id>/supporters/<int:link_id>/stop")
@permission_required(Permission.MANAGE_PEOPLE)
def staff_stop_supporter(person_id: int, link_id: int):
    link = db.session.get(SupportLink, link_id)
    if link is None or link.member_id != person_id:
        abort(404)
    if stop_link(link.id, by=current_user) is not None:
        flash(_("The help from %(name)s has stopped.", name=link.supporter.display_name), "success")
    return redirect(url_for("people.edit_person", person_id=person_id) + "#supporters-heading")


def supporters_section(person: User) -> dict:
    """What the person's page needs for its Supporters part (staff only reach that page)."""
    form = StaffAskSupporterForm(formdata=None)
    form.supporter.choices = choices((s.id, s.display_name) for s in supporters_to_choose())
    return {"support_links": every_link_of(person.id), "supporter_form": form}
