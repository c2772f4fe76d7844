"""Forms staff use to look after accounts."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.accounts.models import Role, User
from portal.accounts.passwords import is_common_password
from portal.extensions import db
from portal.forms import PictureChoiceField, PortalForm, choices
from portal.forms import strip_text as _clean

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
# Only a shape check: whether an address works is learned by sending to it.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


ROLE_LABELS = {
    Role.MEMBER: _l("Member"),
    Role.CO_TRAINER: _l("Co-trainer"),
    Role.STAFF: _l("Staff"),
    Role.SUPPORTER: _l("Supporter"),
}


def role_choices() -> list[SelectChoice]:
    return choices((role.value, label) for role, label in ROLE_LABELS.items())


def role_label(role: Role) -> str:
    """A role's name as people see it, the same words as in the form."""
    return str(ROLE_LABELS[role])


def language_choices() -> list[SelectChoice]:
    # Each language named in its own language, so a person can find theirs.
    return choices(current_app.config["LANGUAGES"].items())


class PersonForm(PortalForm):
    display_name = StringField(
        _l("Name"),
        description=_l("The name people see. For example: Sam Jones."),
        filters=[_clean],
        validators=[
            DataRequired(_l("Type a name.")),
            Length(max=80, message=_l("Use 80 letters or fewer.")),
        ],
        render_kw={"autocomplete": "off"},
    )
    username = StringField(
        _l("Username"),
        description=_l("They type this to sign in. Use small letters and numbers."),
        filters=[lambda v: _clean(v).lower()],
        validators=[DataRequired(_l("Type a username."))],
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    email = StringField(
        _l("Email address (if they have one)"),
        description=_l("You can leave this empty."),
        filters=[lambda v: _clean(v).lower() or None],
        validators=[Optional(), Length(max=254, message=_l("This email address is too long."))],
        render_kw={"autocomplete": "off", "inputmode": "email", "spellcheck": "false"},
    )
    role = PictureChoiceField(_l("What they do here"), default=Role.MEMBER.value)
    language = PictureChoiceField(_l("Language"), default="en")

    def __init__(self, *args, editing: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.role.choices = role_choices()
        self.language.choices = language_choices()

    def validate_email(self, field) -> None:
        if field.data and not EMAIL_PATTERN.match(field.data):
            raise ValidationError(_l("Check the email address. It looks like name@example.org."))

    def validate_username(self, field) -> None:
        if not USERNAME_PATTERN.match(field.data or ""):
            raise ValidationError(
                _l("Use 2 to 40 small letters or numbers. You can use a dot or a dash.")
            )
        query = sa.select(User.id).where(User.username == field.data)
        if self.editing is not None:
            query = query.where(User.id != self.editing.id)
        if db.session.scalar(query) is not None:
            raise ValidationError(_l("Someone already has this username. Try another one."))


def _password_long_enough(form, field) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(_l("Use %(count)s letters or more.", count=minimum))
    if is_common_password(field.data):
        raise ValidationError(
            _l("Many people use this password, so it is easy to guess. Choose another one.")
        )


class PasswordForm(PortalForm):
    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 letters. A few words together are easy to remember."),
        validators=[DataRequired(_l("Type a password.")), _password_long_enough],
        render_kw={"autocomplete": "new-password"},
    )


class NewPersonForm(PersonForm):
    password = PasswordForm.password
