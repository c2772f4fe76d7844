"""Form fields shared by every feature, with easy-read messages instead of WTForms' defaults."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

NOT_IN_THE_LIST = _l("Choose one from the list.")


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
