"""Form fields shared by every feature, with easy-read messages instead of WTForms' defaults."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, SelectMultipleField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

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


class TickBoxesField(SelectMultipleField):
    """Tick boxes for ids (people, say). Anything not offered gets our easy-read message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist):
        # WTForms would raise its own message for a value that is not a number; ours says more.
        self.data = [int(value) for value in valuelist if str(value).isdigit()]
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


class WholeNumberField(_QuietParse, IntegerField):
    pass
