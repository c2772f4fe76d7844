"""Staff pages for groups: list, make, rename, and who is in each."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.accounts.permissions import Permission, permission_required
from portal.accounts.services import person_or_404
from portal.extensions import db
from portal.forms import choices
from portal.groups import bp
from portal.groups.forms import AddMemberForm, GroupForm
from portal.groups.models import Group
from portal.groups.queries import list_groups
from portal.groups.services import add_to_group, create_group, remove_from_group, rename_group
from portal.people.queries import list_people


@bp.route("", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_PEOPLE)
def list_all_groups():
    """Every group with how many people are in it, and a form to make a new one."""
    form = GroupForm()
    if form.validate_on_submit():
        group = create_group(form.name.data)
        flash(_("The group %(name)s is made.", name=group.name), "success")
        return redirect(url_for("groups.show_group", group_id=group.id))
    return render_template("groups/list_groups.html", groups=list_groups(), form=form)


def _add_member_form(group: Group) -> AddMemberForm:
    form = AddMemberForm()
    inside = {person.id for person in group.members}
    form.person_id.choices = choices(
        (person.id, f"{person.display_name} ({person.username})")
        for person in list_people()
        if person.id not in inside and person.active
    )
    return form


@bp.route("/<int:group_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_PEOPLE)
def show_group(group_id: int):
    """Who is in a group; rename it."""
    group = db.get_or_404(Group, group_id)
    form = GroupForm(obj=group, editing=group)
    if form.validate_on_submit():
        rename_group(group, form.name.data)
        flash(_("The group is now called %(name)s.", name=group.name), "success")
        return redirect(url_for("groups.show_group", group_id=group.id))
    return render_template(
        "groups/show_group.html", group=group, form=form, add_form=_add_member_form(group)
    )


@bp.post("/<int:group_id>/members")
@permission_required(Permission.MANAGE_PEOPLE)
def add_member(group_id: int):
    """Put a person in the group."""
    group = db.get_or_404(Group, group_id)
    add_form = _add_member_form(group)
    if add_form.validate_on_submit():
        person = person_or_404(add_form.person_id.data)
        add_to_group(group, person)
        flash(_("%(name)s is in the group now.", name=person.display_name), "success")
        return redirect(url_for("groups.show_group", group_id=group.id))
    form = GroupForm(obj=group, editing=group, formdata=None)
    return render_template("groups/show_group.html", group=group, form=form, add_form=add_form), 422


@bp.post("/<int:group_id>/members/<int:person_id>/remove")
@permission_required(Permission.MANAGE_PEOPLE)
def remove_member(group_id: int, person_id: int):
    """Take a person out of the group. They can be put back at any time."""
    group = db.get_or_404(Group, group_id)
    person = person_or_404(person_id)
    remove_from_group(group, person)
    flash(
        _("%(name)s is not in the group now. You can add them again.", name=person.display_name),
        "success",
    )
    return redirect(url_for("groups.show_group", group_id=group.id))
