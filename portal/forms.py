"""Form fields shared by every feature, with easy-read messages instead of WTForms' defaults."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.validators import ValidationError

NOT_IN_THE_LIST = _l("Choose one from the list.")


class ChoiceField(SelectField):
    def pre_validate(self, form) -> None:
        if self.data not in {value for value, *_ in self.iter_choices()}:
            raise ValidationError(NOT_IN_THE_LIST)


class PictureChoiceField(RadioField):
    """Radio buttons (often with a picture each). The message says what to do, not what failed."""

    def pre_validate(self, form) -> None:
        if self.data not in {value for value, *_ in self.iter_choices()}:
            raise ValidationError(NOT_IN_THE_LIST)
