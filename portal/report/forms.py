"""What staff choose to show members on "What we did together"."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from portal.forms import DayField, PortalForm, TickBoxesField, strip_text
from portal.report.filters import sensible_day
from portal.report.models import CONCERNS_MAX, NEXT_WORDS_MAX

DAY = _l("Write a day, like 2026-12-03.")


class StoryForm(PortalForm):
    from_day = DayField(_l("From this day"), validators=[InputRequired(DAY)])
    to_day = DayField(_l("To this day"), validators=[InputRequired(DAY)])
    show_numbers = BooleanField(_l("Show the numbers in words"))
    concerns = TickBoxesField(
        _l("Concerns that changed things"),
        description=_l(
            "Choose up to %(num)s. Only concerns on boards for everyone are here.",
            num=CONCERNS_MAX,
        ),
    )
    show_next = BooleanField(_l("Show the next sessions for everyone"))
    next_words = TextAreaField(
        _l("What comes next, in your words"),
        filters=[strip_text],
        validators=[Length(max=NEXT_WORDS_MAX, message=_l("Please use fewer words."))],
    )
    shared = BooleanField(_l("Members can see this page"))

    def validate_from_day(self, field) -> None:
        if field.data is not None and not sensible_day(field.data):
            raise ValidationError(DAY)

    validate_to_day = validate_from_day

    def validate_concerns(self, field) -> None:
        if len(field.data or []) > CONCERNS_MAX:
            raise ValidationError(_l("Choose %(num)s or fewer.", num=CONCERNS_MAX))
