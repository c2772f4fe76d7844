"""The sign-in form. Messages are easy read and say what to do next."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from portal.forms import PortalForm


class SignInForm(PortalForm):
    username = StringField(
        _l("Your username"),
        validators=[DataRequired(_l("Type your username.")), Length(max=40)],
        render_kw={
            "autocomplete": "username webauthn",
            "autocapitalize": "none",
            "spellcheck": "false",
        },
    )
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(_l("Type your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(
        _l("Keep me signed in on this phone"),
        description=_l("Only tick this on your own phone or computer."),
    )
