"""Forms for boards, the steps of raising a concern, updates and replies. Easy-read messages."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.concerns.labels import PICTURES, STATUS_WORDS
from portal.concerns.models import (
    DETAILS_MAX,
    PLACE_MAX,
    REASON_MAX,
    REPLY_MAX,
    TITLE_MAX,
    UPDATE_MAX,
    Status,
)
from portal.forms import PortalForm

_SPACES = re.compile(r"\s+")


def clean_line(value: str | None) -> str:
    """One line of text: spaces at the ends taken off, runs of spaces made one."""
    return _SPACES.sub(" ", value or "").strip()


def clean_text(value: str | None) -> str:
    """Several lines: spaces at the ends taken off, Windows line ends made plain."""
    return (value or "").replace("\r\n", "\n").strip()


def has_words(form, field) -> None:
    """Refuse text with no letters or numbers at all, for example only emoji or dots."""
    if field.data and not any(character.isalnum() for character in field.data):
        raise ValidationError(_l("Use some words, not only pictures or marks."))


def _too_long(limit: int):
    return Length(max=limit, message=_l("This is too long. Use %(max)s letters or fewer."))


def picture_choices() -> list[tuple[str, str]]:
    return [(name, words) for name, words in PICTURES.items()]


class TitleForm(PortalForm):
    title = StringField(
        _l("What is the problem?"),
        description=_l("Say it in a few words. For example: The bus is often late."),
        filters=[clean_line],
        validators=[
            DataRequired(_l("Type the problem in a few words.")),
            _too_long(TITLE_MAX),
            has_words,
        ],
        render_kw={"autocomplete": "off"},
    )


class DetailsForm(PortalForm):
    details = TextAreaField(
        _l("Tell us more"),
        description=_l("You do not have to. You can say what happened."),
        filters=[clean_text],
        validators=[Optional(), _too_long(DETAILS_MAX)],
        render_kw={"rows": 5},
    )


class PlaceForm(PortalForm):
    place = StringField(
        _l("Where does it happen?"),
        description=_l("You do not have to. For example: At the bus stop on High Street."),
        filters=[clean_line],
        validators=[Optional(), _too_long(PLACE_MAX)],
        render_kw={"autocomplete": "off"},
    )


class PictureForm(PortalForm):
    picture = RadioField(
        _l("Pick a picture"),
        description=_l("Pick the picture that fits best."),
        invalid_choice_message=_l("Pick a picture."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.picture.choices = picture_choices()


class ReplyForm(PortalForm):
    words = TextAreaField(
        _l("Your reply"),
        description=_l("For example: Me too. This happened to me."),
        filters=[clean_text],
        validators=[DataRequired(_l("Type your reply.")), _too_long(REPLY_MAX), has_words],
        render_kw={"rows": 3},
    )


class UpdateForm(PortalForm):
    status = RadioField(
        _l("What is happening now?"),
        default=Status.NEW.value,
        invalid_choice_message=_l("Pick what is happening now."),
    )
    words = TextAreaField(
        _l("Tell people what is happening"),
        description=_l("Use short sentences. People will see this on the concern."),
        filters=[clean_text],
        validators=[DataRequired(_l("Type a short update.")), _too_long(UPDATE_MAX), has_words],
        render_kw={"rows": 3},
    )
    closed_reason = StringField(
        _l("Why is it closed?"),
        description=_l("Only if you close it. For example: The council fixed it."),
        filters=[clean_line],
        validators=[Optional(), _too_long(REASON_MAX)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [(status.value, words) for status, words in STATUS_WORDS.items()]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Checked here, not on the field: its Optional() stops the field's own checks when empty.
        if self.status.data == Status.CLOSED.value and not self.closed_reason.data:
            self.closed_reason.errors = [*self.closed_reason.errors, _l("Say why it is closed.")]
            return False
        return valid


class BoardForm(PortalForm):
    name = StringField(
        _l("Name of the board"),
        description=_l("For example: Getting about."),
        filters=[clean_line],
        validators=[DataRequired(_l("Type a name.")), _too_long(80), has_words],
        render_kw={"autocomplete": "off"},
    )
    picture = RadioField(_l("Picture"), invalid_choice_message=_l("Pick a picture."))
    group = RadioField(
        _l("Who is it for?"), default="", invalid_choice_message=_l("Pick who it is for.")
    )
    check_first = BooleanField(
        _l("Staff check new concerns first"),
        description=_l("Staff check each new concern. Then other members can see it."),
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.picture.choices = picture_choices()
        self.group.choices = [("", _l("Everyone"))] + [(str(g.id), g.name) for g in groups]
