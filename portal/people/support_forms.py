"""Forms for supporters: ask for one, say yes with what they may do, staff ask for a member."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length

from portal.accounts.helping import Scope
from portal.forms import PortalForm, choices
from portal.forms import strip_text as _clean

# What a member can let a supporter do: the picture and the words on the yes page.
SCOPE_CHOICES = {
    Scope.SEE: ("sessions", _l("See your sessions, your help needs and your notices")),
    Scope.COMING: (
        "done",
        _l("Say if you are coming, choose your help needs, and say how a session was"),
    ),
    Scope.CONCERNS: ("concerns", _l("Raise concerns, support them and write replies")),
    Scope.AGENDA: ("agenda", _l("Suggest things to talk about, and back other people's ideas")),
}


class AskSupporterForm(PortalForm):
    username = StringField(
        _l("Their username"),
        description=_l("Ask them for it. It is the name they use to sign in."),
        filters=[_clean],
        validators=[
            DataRequired(message=_l("Type their username.")),
            Length(max=40, message=_l("Use 40 letters or fewer.")),
        ],
    )


class StaffAskSupporterForm(PortalForm):
    supporter = SelectField(_l("Who will help?"), choices=[], coerce=int, validate_choice=True)


class SayYesForm(PortalForm):
    scopes = SelectMultipleField(
        _l("What can they help you with? Choose any."),
        choices=choices((scope.value, words) for scope, (_, words) in SCOPE_CHOICES.items()),
        validators=[DataRequired(message=_l("Choose at least one thing."))],
    )
