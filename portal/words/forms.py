"""The staff form for one glossary word, in both languages."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.forms import ChoiceField, PortalForm, choices, strip_text

SHORT = Length(max=80, message=_l("Use 80 letters or fewer."))
LONG = Length(max=500, message=_l("Use 500 letters or fewer."))
NEEDED = DataRequired(_l("Please fill this in."))


def _text(label, description=None, *, long=True, box=StringField):
    return box(
        label,
        description=description,
        filters=[strip_text],
        validators=[NEEDED, LONG if long else SHORT],
    )


def picture_names() -> list[str]:
    folder = Path(current_app.static_folder) / "pictures"
    return sorted(path.stem for path in folder.glob("*.svg"))


class WordForm(PortalForm):
    term_en = _text(_l("The word in English"), long=False)
    term_cy = _text(_l("The word in Welsh"), long=False)
    meaning_en = _text(
        _l("What it means, in English"), _l("Use 1 or 2 short sentences."), box=TextAreaField
    )
    meaning_cy = _text(_l("What it means, in Welsh"), box=TextAreaField)
    example_en = _text(_l("An example, in English"), box=TextAreaField)
    example_cy = _text(_l("An example, in Welsh"), box=TextAreaField)
    forms_en = TextAreaField(
        _l("Words to mark on pages, in English"),
        description=_l("Put each one on its own line. For example: concern, then concerns."),
        filters=[strip_text],
        validators=[LONG],
    )
    forms_cy = TextAreaField(
        _l("Words to mark on pages, in Welsh"),
        description=_l("Put each one on its own line."),
        filters=[strip_text],
        validators=[LONG],
    )
    picture = ChoiceField(_l("Picture"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.picture.choices = choices((name, name.replace("-", " ")) for name in picture_names())
