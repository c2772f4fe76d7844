"""Form fields shared by every feature, with easy-read messages instead of WTForms' defaults."""

from __future__ import annotations

import contextlib

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto  # the 'read the request' default
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.converters import database_id
from portal.text import has_control_characters, without_hidden_signs

NOT_IN_THE_LIST = _l("Choose one from the list.")
NOT_A_NUMBER = _l("Type a number, like 12.")
ONE_LINE = _l("Write this on one line. Some hidden signs cannot be used.")


def _one_line(form, field) -> None:
    if isinstance(field.data, str) and has_control_characters(field.data):
        raise StopValidation(str(ONE_LINE))


def _without_nul(value):
    # A NUL is never typed on purpose and no database text holds it. Dropped before anything
    # else, a draft saved from a form that is not right yet still saves.
    return value.replace("\x00", "") if isinstance(value, str) else value


def _without_hidden_signs(value):
    # Harmless to drop from many lines: the words and line breaks stay.
    return without_hidden_signs(value) if isinstance(value, str) else value


def _always_answered(field) -> bool:
    """A one-choice list whose first choice is not a blank one."""
    if not isinstance(field, SelectField) or isinstance(field, SelectMultipleField):
        return False
    first = next(iter(field.iter_choices()), None)
    return first is not None and first[0] not in ("", None)


class PortalForm(FlaskForm):
    """Every form's base: text boxes refuse what cannot be stored or shown safely."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            # Flask-WTF would also read uploaded files and JSON bodies into the fields. No form
            # here takes either, and a file or a JSON object where text belongs broke validators:
            # only real form values count; anything else reads as an empty form.
            if formdata is _Auto and has_request_context() and form.is_submitted():
                return request.form or None  # as Flask-WTF does for an empty body
            return super().wrap_formdata(form, formdata)

        def bind_field(self, form, unbound_field, options):
            # Two forms on one page with a field of the same name would give two elements one id,
            # and the second label would point at the first box: `id_prefix` keeps them apart.
            if getattr(form, "_id_prefix", ""):
                options = {**options, "id": form._id_prefix + options["name"]}
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, TextAreaField):
                field.filters = (_without_hidden_signs, *field.filters)
            elif isinstance(field, StringField):
                field.filters = (_without_nul, *field.filters)
                field.validators = [*field.validators, _one_line]  # last: views index the rest
            return field

        def render_field(self, field, render_kw):
            # The hidden token needs no id; with one, two forms on a page share it.
            if field.type == "CSRFTokenField":
                render_kw = {"id": False, **render_kw}
            elif _always_answered(field):
                # A list with no blank first choice always has an answer: `required` would say
                # nothing, and HTML forbids it there.
                render_kw = {"required": False, **render_kw}
            return super().render_field(field, render_kw)

    def __init__(self, *args, id_prefix: str = "", **kwargs):
        self._id_prefix = id_prefix  # read while the fields are bound, in super().__init__
        super().__init__(*args, **kwargs)


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def _check_choice(field) -> None:
    allowed = {field.coerce(choice.value) for choice in field.choices}
    if field.data not in allowed:
        raise ValidationError(NOT_IN_THE_LIST)


class ChoiceField(SelectField):
    def pre_validate(self, form) -> None:
        _check_choice(self)


class PictureChoiceField(RadioField):
    """Radio buttons (often with a picture each). The message says what to do, not what failed."""

    def pre_validate(self, form) -> None:
        _check_choice(self)


class TickBoxesField(SelectMultipleField):
    """Tick boxes for ids (people, say). Anything not offered gets our easy-read message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist):
        # WTForms would raise its own message for a value that is not a number; ours says more.
        self.data = []
        for value in valuelist:
            with contextlib.suppress(ValueError):
                self.data.append(database_id(value))
        self._not_offered = len(self.data) != len(valuelist)

    def pre_validate(self, form) -> None:
        offered = {str(choice.value) for choice in self.choices}
        if self._not_offered or any(str(value) not in offered for value in self.data or []):
            raise ValidationError(NOT_IN_THE_LIST)

    _not_offered = False


def strip_text(value: str | None) -> str:
    """A filter: surrounding spaces go, and an empty field reads as ""."""
    return (value or "").strip()


class _QuietParse:
    """Leave bad dates, times and numbers empty, so our own easy-read message is the only one."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None


class DayField(_QuietParse, DateField):
    pass


class ClockField(_QuietParse, TimeField):
    pass


class WholeNumberField(IntegerField):
    """A whole number the database can hold. Anything else is empty, for the form's own message."""

    _not_a_number = False

    def process_formdata(self, valuelist):
        self._not_a_number = False
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        text = str(valuelist[0]).strip()
        try:
            # database_id refuses what int() would read but no column holds ("²", 10**20).
            number = database_id(text.removeprefix("-"))
        except ValueError:
            self.data = None
            self._not_a_number = True
        else:
            self.data = -number if text.startswith("-") else number

    def post_validate(self, form, validation_stopped) -> None:
        # The form's own checks ("1 or more") usually speak first; if none did, say what to type.
        if self._not_a_number and not self.errors:
            messages = [v.message for v in self.validators if isinstance(v, InputRequired)]
            self.errors.append(str(next((m for m in messages if m), NOT_A_NUMBER)))
