"""Staff pages for people's accounts: list, add, change, turn off and on, new password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import security_log
from portal.accounts.models import Role, User
from portal.accounts.permissions import Permission, permission_required
from portal.accounts.posting import posting_refusal
from portal.accounts.services import person_or_404
from portal.htmx import answer, render_page
from portal.people import bp
from portal.people.forms import NewPersonForm, PasswordForm, PersonForm
from portal.people.queries import list_people as query_people
from portal.people.services import (
    CannotChangeOwnAccount,
    open_account,
    set_password,
    set_person_active,
    update_person,
)
from portal.people.support_views import supporters_section
from portal.text import without_control_characters


@bp.get("")
@permission_required(Permission.MANAGE_PEOPLE)
def list_people():
    """Everyone with an account; htmx asks for just the list while staff type a search."""
    search = without_control_characters(request.args.get("q", ""))[:80]
    return render_page(
        "people/list_people.html", block="people_list", people=query_people(search), search=search
    )


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_PEOPLE)
def add_person():
    """Add a member, co-trainer or staff account."""
    form = NewPersonForm()
    if form.validate_on_submit():
        person = open_account(
            display_name=form.display_name.data,
            username=form.username.data,
            role=Role(form.role.data),
            language=form.language.data,
            password=form.password.data,
            email=form.email.data,
        )
        flash(_("%(name)s now has an account.", name=person.display_name), "success")
        return redirect(url_for("people.list_people"))
    return render_template("people/add_person.html", form=form)


@bp.route("/<int:person_id>", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_PEOPLE)
def edit_person(person_id: int):
    """Change someone's name, username, role or language."""
    person = person_or_404(person_id)
    form = PersonForm(obj=person, editing=person)
    if request.method == "GET":
        form.role.data = person.role.value
        form.language.data = person.language or "en"
    if form.validate_on_submit():
        try:
            update_person(
                person,
                by=current_user,
                display_name=form.display_name.data,
                username=form.username.data,
                role=Role(form.role.data),
                language=form.language.data,
                email=form.email.data,
            )
        except CannotChangeOwnAccount:
            form.role.errors.append(_("You cannot take away your own staff role."))
        else:
            flash(_("The changes to %(name)s are saved.", name=person.display_name), "success")
            return redirect(url_for("people.list_people"))
    return _person_page(person, form, PasswordForm())


@bp.post("/<int:person_id>/password")
@permission_required(Permission.MANAGE_PEOPLE)
def change_password(person_id: int):
    """Give someone a new password, for example when they forgot theirs."""
    person = person_or_404(person_id)
    password_form = PasswordForm()
    if password_form.validate_on_submit():
        set_password(person, password_form.password.data, by=current_user)
        security_log.record("password_changed", user_id=person.id, actor_id=current_user.id)
        flash(_("%(name)s has a new password.", name=person.display_name), "success")
        return redirect(url_for("people.edit_person", person_id=person.id))
    form = PersonForm(obj=person, editing=person, formdata=None)
    form.role.data = person.role.value
    form.language.data = person.language or "en"
    return _person_page(person, form, password_form), 422


def _person_page(person: User, form: PersonForm, password_form: PasswordForm) -> str:
    """One person's page: their details, a new password, sign-in, and posting on the boards."""
    return render_template(
        "people/edit_person.html",
        form=form,
        person=person,
        password_form=password_form,
        posting_stopped=posting_refusal(person),
        **supporters_section(person),
    )


@bp.post("/<int:person_id>/active")
@permission_required(Permission.MANAGE_PEOPLE)
def set_active(person_id: int):
    """Turn an account off (it signs out everywhere) or on again."""
    person = person_or_404(person_id)
    active = request.form.get("active") == "1"
    error = None
    try:
        set_person_active(person, by=current_user, active=active)
    except CannotChangeOwnAccount:
        error = _("You cannot turn off your own account.")
    message = error or (
        _("%(name)s can sign in now.", name=person.display_name)
        if active
        else _(
            "%(name)s cannot sign in now. You can turn the account on again.",
            name=person.display_name,
        )
    )
    # 200 even for a refusal: htmx swaps only successful answers, and the row says why.
    return answer(
        "people/list_people.html",
        "person_row",
        to=url_for("people.list_people"),
        flash_message=message,
        flash_error=bool(error),
        person=person,
        row_message=message,
        row_error=bool(error),
    )
