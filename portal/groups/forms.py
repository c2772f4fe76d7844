"""Forms for groups."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from portal.extensions import db
from portal.forms import ChoiceField, PortalForm, strip_text
from portal.groups.models import Group


class GroupForm(PortalForm):
    name = StringField(
        _l("Name of the group"),
        description=_l("For example: Newport members."),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Type a name for the group.")),
            Length(max=80, message=_l("Use 80 letters or fewer.")),
        ],
    )

    def __init__(self, *args, editing: Group | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing

    def validate_name(self, field) -> None:
        query = sa.select(Group.id).where(sa.func.lower(Group.name) == field.data.lower())
        if self.editing is not None:
            query = query.where(Group.id != self.editing.id)
        if db.session.scalar(query) is not None:
            raise ValidationError(_l("There is a group with this name already."))


class AddMemberForm(PortalForm):
    person_id = ChoiceField(
        _l("Who to add"),
        coerce=int,
        validators=[DataRequired(_l("Choose a person."))],
    )
