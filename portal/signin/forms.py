"""Forms for signing in: a password, a card code, an email link. Paste always works."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from portal.forms import PortalForm, strip_text

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class CardCodeForm(PortalForm):
    code = StringField(
        _l("The code on your card"),
        description=_l("It has 8 letters and numbers. You can type it or paste it."),
        validators=[DataRequired(_l("Type the code from your card.")), Length(max=40)],
        render_kw={
            "autocomplete": "one-time-code",
            "autocapitalize": "characters",
            "spellcheck": "false",
            "inputmode": "text",
        },
    )


class EmailLinkForm(PortalForm):
    email = EmailField(
        _l("Your email address"),
        description=_l("We send a link to this email. The link works for 15 minutes."),
        filters=[strip_text],
        validators=[
            DataRequired(_l("Type your email address.")),
            Regexp(
                EMAIL_PATTERN,
                message=_l("This does not look like an email address. Check it and try again."),
            ),
            Length(max=254),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"},
    )


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
