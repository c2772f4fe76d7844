"""Forms for agendas: an item, a member's suggestion, and a co-trainer's answer to it."""

from __future__ import annotations

import hashlib
import json
import re
import secrets

from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from portal.agendas.models import ITEM_KINDS, ITEM_PICTURES
from portal.forms import (
    PictureChoiceField,
    PortalForm,
    TickBoxesField,
    WholeNumberField,
    strip_text,
)

MINUTES_MESSAGE = _l("Write the minutes as a number from 1 to 480.")
KIND_PICTURE = ""  # the picture choice that follows the item's kind


def _id_or_none(value):
    return int(value) if value not in (None, "", "None") else None


class ItemForm(PortalForm):
    title = StringField(
        _l("What is this part called?"),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Write a short name for this part.")),
            Length(max=80, message=_l("Use 80 letters or fewer.")),
        ],
    )
    description = TextAreaField(
        _l("What happens? Use easy words."),
        filters=[strip_text],
        validators=[Length(max=1000, message=_l("Use 1000 letters or fewer."))],
    )
    minutes = WholeNumberField(
        _l("How many minutes does it take?"),
        validators=[
            InputRequired(MINUTES_MESSAGE),
            NumberRange(min=1, max=480, message=MINUTES_MESSAGE),
        ],
    )
    kind = RadioField(
        _l("What kind of part is it?"),
        choices=[SelectChoice(code, words) for code, (_, words) in ITEM_KINDS.items()],
        default="talk",
        validators=[InputRequired(_l("Choose what kind of part it is."))],
    )
    picture = PictureChoiceField(
        _l("Which picture goes with it?"),
        description=_l("Choose a picture that helps people know what happens."),
        choices=[SelectChoice(KIND_PICTURE, _l("The picture for its kind"))]
        + [SelectChoice(name, words) for name, words in ITEM_PICTURES.items()],
        default=KIND_PICTURE,
    )
    leader_ids = TickBoxesField(
        _l("Who leads it?"),
        description=_l("Tick one person or more."),
        choices=[],
        coerce=int,
    )
    leaders = StringField(
        _l("Someone else? Write their name."),
        description=_l("Put a comma between two names."),
        filters=[strip_text],
        validators=[Length(max=200, message=_l("Use 200 letters or fewer."))],
    )
    concern_id = SelectField(
        _l("Is it about a concern?"),
        description=_l("Choose one of the concerns members raised, if it fits."),
        choices=[],
        coerce=_id_or_none,
    )
    version = HiddenField()

    def fill(self, values: dict) -> None:
        """Show these values, in place of what was sent (the conflict screen's merge)."""
        for name, value in values.items():
            field = getattr(self, name)
            field.raw_data = None  # else the field shows what was typed, not `data`
            field.data = value

    def keep_unseen_concern(self, concern_id: int) -> None:
        self.concern_id.choices.append(
            SelectChoice(str(concern_id), _l("A concern you cannot see. Keep it."))
        )

    def set_people(self, people: list) -> ItemForm:
        """The people who can be ticked as leading it: those running the session."""
        self.leader_ids.choices = [
            SelectChoice(str(person.id), person.display_name) for person in people
        ]
        return self

    def offer_people(self, people: list) -> None:
        """Offer these people too, if they are not offered already."""
        offered = {choice.value: choice.label for choice in self.leader_ids.choices}
        for person in people:
            offered.setdefault(str(person.id), person.display_name)
        ordered = sorted(offered.items(), key=lambda pair: str(pair[1]).lower())
        self.leader_ids.choices = [SelectChoice(value, label) for value, label in ordered]

    def set_concerns(self, concerns: list) -> ItemForm:
        self.concern_id.choices = [SelectChoice("", _l("No, it is not about a concern"))] + [
            SelectChoice(str(concern.id), concern.title) for concern in concerns
        ]
        return self

    def values(self) -> dict:
        return {
            "title": self.title.data,
            "description": self.description.data or "",
            "minutes": self.minutes.data,
            "kind": self.kind.data,
            "picture": self.picture.data or KIND_PICTURE,
            "leader_ids": sorted(set(self.leader_ids.data or [])),
            "leaders": self.leaders.data or "",
            "concern_id": self.concern_id.data,
        }


ADD_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_add_token() -> str:
    return secrets.token_urlsafe(24)


class AddItemForm(ItemForm):
    """The add form. Its one-time token is made when the form is shown and sent with it, so
    the same form sent twice adds the part once (services.add_item)."""

    add_token = HiddenField(default=new_add_token)

    def add_key(self) -> str | None:
        """The token with the words sent, as one key. The same form sent again has the same
        key. A form sent once, then brought back (the Back button) and used for a new part,
        has the same token but other words: that part is added too, not lost.
        A page from before tokens sends none, so the field's default makes a fresh one: it
        adds as it did. None only for a token that is not one of ours."""
        token = self.add_token.data or ""
        if not ADD_TOKEN.fullmatch(token):
            return None
        words = json.dumps(self.values(), sort_keys=True, default=str)
        return hashlib.sha256(f"{token}\n{words}".encode()).hexdigest()


class SuggestionForm(PortalForm):
    title = StringField(
        _l("I want to talk about"),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Write what you want to talk about.")),
            Length(max=80, message=_l("Use 80 letters or fewer.")),
        ],
    )
    details = TextAreaField(
        _l("Tell us more if you want to"),
        filters=[strip_text],
        validators=[Length(max=1000, message=_l("Use 1000 letters or fewer."))],
    )


class PickConcernForm(PortalForm):
    concern = RadioField(
        _l("Or pick a concern that many people support"),
        choices=[],
        validators=[InputRequired(_l("Choose a concern first."))],
    )

    def set_concerns(self, concerns: list) -> PickConcernForm:
        self.concern.choices = [
            SelectChoice(str(concern.id), concern.title) for concern in concerns
        ]
        return self


class AnswerForm(PortalForm):
    reply = StringField(
        _l("Your answer to them"),
        description=_l("They will see this. Keep it short and kind."),
        filters=[strip_text],
        # The first is dropped when accepting: only saying no needs a reason.
        validators=[
            DataRequired(_l("Tell them why, in a few kind words.")),
            Length(max=300, message=_l("Use 300 letters or fewer.")),
        ],
    )
    minutes = WholeNumberField(
        _l("How many minutes does it take?"),
        default=15,
        validators=[
            InputRequired(MINUTES_MESSAGE),
            NumberRange(min=1, max=480, message=MINUTES_MESSAGE),
        ],
    )
