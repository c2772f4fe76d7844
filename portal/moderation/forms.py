"""Forms for reports and staff decisions, with easy-read messages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.concerns.forms import clean_line, clean_text, has_words
from portal.concerns.models import DETAILS_MAX, REPLY_MAX, TITLE_MAX
from portal.forms import PortalForm, WholeNumberField, choices
from portal.moderation.labels import HIDE_REASONS, REPORT_REASONS
from portal.moderation.models import NOTE_MAX

_too_long = Length(max=NOTE_MAX, message=_l("This is too long. Use %(max)s letters or fewer."))


class ReportForm(PortalForm):
    reason = RadioField(
        _l("What is wrong with it?"),
        choices=choices((key, words) for key, (_picture, words) in REPORT_REASONS.items()),
        validators=[InputRequired(_l("Pick what is wrong with it."))],
    )
    note = TextAreaField(
        _l("Tell staff a little more"),
        description=_l("You only need to do this if you picked Something else."),
        filters=[clean_text],
        validators=[Optional(), _too_long, has_words],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.reason.data == "other" and not self.note.data:
            self.note.errors = [_l("Say in a few words what is wrong.")]
            return False
        return valid


class HideForm(PortalForm):
    reason = SelectField(
        _l("Why hide it?"),
        choices=choices(HIDE_REASONS.items()),
        validators=[DataRequired(_l("Pick a reason."))],
    )
    note = TextAreaField(
        _l("Note to the author"),
        description=_l("You do not have to write a note. The author will see it."),
        filters=[clean_text],
        validators=[Optional(), _too_long],
    )


class CloseForm(PortalForm):
    outcome = TextAreaField(
        _l("What happened?"),
        description=_l("Members will see this as the reason it is closed."),
        filters=[clean_text],
        validators=[DataRequired(_l("Say what happened in a few words.")), _too_long, has_words],
    )


class MergeForm(PortalForm):
    keep_id = WholeNumberField(
        _l("Number of the concern to keep"),
        description=_l("You can find the number in the address of the concern."),
        validators=[InputRequired(_l("Type the number of the concern to keep."))],
    )


class ClarifyConcernForm(PortalForm):
    title = StringField(
        _l("What is the problem?"),
        description=_l("Use short, common words. Keep what the author meant."),
        filters=[clean_line],
        validators=[DataRequired(_l("Type the problem in a few words.")), Length(max=TITLE_MAX)],
    )
    details = TextAreaField(
        _l("Tell us more"),
        filters=[clean_text],
        validators=[Optional(), Length(max=DETAILS_MAX)],
    )


class ClarifyReplyForm(PortalForm):
    words = TextAreaField(
        _l("The reply"),
        description=_l("Use short, common words. Keep what the author meant."),
        filters=[clean_text],
        validators=[DataRequired(_l("Type the reply.")), Length(max=REPLY_MAX)],
    )


class SuspendForm(PortalForm):
    reason = TextAreaField(
        _l("Why stop them posting?"),
        description=_l("They will see this. Use kind, short words."),
        filters=[clean_text],
        validators=[DataRequired(_l("Say why in a few words.")), _too_long, has_words],
    )
