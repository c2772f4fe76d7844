"""Forms for sessions: staff's session form, and the help a member asks for."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.forms import ClockField, DayField, PortalForm, WholeNumberField
from portal.forms import strip_text as _clean
from portal.sessions.models import HELP_NEEDS, SESSION_PICTURES
from portal.timefmt import to_local
from portal.timeutil import utcnow

LINK_PATTERN = re.compile(r"^https?://[^\s]+$")


class HelpForm(PortalForm):
    help_needs = SelectMultipleField(
        _l("Do you need help to come? Choose any that help you."), choices=[], validate_choice=False
    )
    help_other = StringField(
        _l("Something else: tell us in a few words"),
        filters=[_clean],
        validators=[Length(max=200, message=_l("Use 200 letters or fewer."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_needs.choices = [(code, words) for code, (_, words) in HELP_NEEDS.items()]


class SessionForm(PortalForm):
    title = StringField(
        _l("Name of the session"),
        filters=[_clean],
        validators=[
            DataRequired(_l("Type a name for the session.")),
            Length(max=120, message=_l("Use 120 letters or fewer.")),
        ],
    )
    summary = TextAreaField(
        _l("What it is about"),
        description=_l("Use short sentences and easy words."),
        filters=[_clean],
        validators=[DataRequired(_l("Say what the session is about."))],
    )
    picture = RadioField(_l("Picture"), default="sessions")
    day = DayField(_l("Day"), validators=[DataRequired(_l("Choose the day."))])
    start_time = ClockField(
        _l("Start time"), validators=[DataRequired(_l("Choose the time it starts."))]
    )
    end_time = ClockField(_l("End time"), validators=[DataRequired(_l("Choose the time it ends."))])
    place_name = StringField(
        _l("Name of the place"),
        filters=[_clean],
        validators=[Length(max=120, message=_l("Use 120 letters or fewer."))],
    )
    address = TextAreaField(
        _l("Address"),
        filters=[_clean],
        validators=[Length(max=300, message=_l("Use 300 letters or fewer."))],
    )
    step_free = BooleanField(_l("Step-free: no steps to get in"))
    hearing_loop = BooleanField(_l("There is a hearing loop"))
    accessible_toilet = BooleanField(_l("There is an accessible toilet"))
    access_notes = TextAreaField(_l("More about getting in and getting around"), filters=[_clean])
    bring = TextAreaField(
        _l("What to bring"),
        description=_l("For example: your lunch, or money for the bus. You can leave this empty."),
        filters=[_clean],
        validators=[Length(max=300, message=_l("Use 300 letters or fewer."))],
    )
    online_link = StringField(
        _l("Link to join online"),
        description=_l("Leave this empty if people cannot join online."),
        filters=[_clean],
        validators=[Optional(), Length(max=300, message=_l("Use 300 letters or fewer."))],
    )
    group_id = RadioField(_l("Who it is for"), default="")
    places = WholeNumberField(
        _l("Number of places"),
        validators=[InputRequired(_l("Type how many people can come."))],
    )
    trainers = SelectMultipleField(_l("Who is running it"), choices=[], coerce=int)

    def __init__(
        self, *args, groups=(), trainers=(), current_start=None, current_end=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        # The start a session being changed has now: it may stay, even once it has gone.
        self.current_start = current_start
        # A clock time shown unchanged keeps its stored moment. On the night the clocks go back
        # 1:30am happens twice, and reading it back could otherwise pick the other one.
        self._unchanged = {
            to_local(moment).replace(tzinfo=None): moment
            for moment in (current_start, current_end)
            if moment is not None
        }
        self.picture.choices = list(SESSION_PICTURES.items())
        self.group_id.choices = [("", _l("Everyone"))] + [(str(g.id), g.name) for g in groups]
        self.trainers.choices = [(person.id, person.display_name) for person in trainers]

    def validate_places(self, field) -> None:
        if field.data is None or field.data < 1:
            raise ValidationError(_l("Type a number of places: 1 or more."))

    def validate_online_link(self, field) -> None:
        if field.data and not LINK_PATTERN.match(field.data):
            raise ValidationError(_l("Type the whole link. It starts with https://"))

    def validate_end_time(self, field) -> None:
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The end must be after the start."))

    def validate_day(self, field) -> None:
        """A new start must be in the future. Changing the words of a past session is fine."""
        if not (field.data and self.start_time.data):
            return
        start = self.start_at()
        if start != self.current_start and start <= utcnow():
            raise ValidationError(_l("This time has gone. Choose a day in the future."))

    # --- between the form's local times and the stored UTC -----------------------------------
    def _utc(self, day: date, clock: time) -> datetime:
        wall = datetime.combine(day, clock)
        if wall in self._unchanged:
            return self._unchanged[wall]
        zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
        local = wall.replace(tzinfo=zone)
        return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

    def start_at(self) -> datetime:
        return self._utc(self.day.data, self.start_time.data)

    def end_at(self) -> datetime:
        return self._utc(self.day.data, self.end_time.data)

    def fill_from(self, session, *, with_day: bool = True) -> None:
        """Show a stored session in the form, in the portal's time zone."""
        for name in (
            "title",
            "summary",
            "picture",
            "place_name",
            "address",
            "step_free",
            "hearing_loop",
            "accessible_toilet",
            "access_notes",
            "bring",
            "online_link",
            "places",
        ):
            getattr(self, name).data = getattr(session, name)
        self.group_id.data = str(session.group_id) if session.group_id else ""
        self.trainers.data = [person.id for person in session.trainers]
        start, end = to_local(session.start_at), to_local(session.end_at)
        self.start_time.data, self.end_time.data = start.time(), end.time()
        self.day.data = start.date() if with_day else None

    def fields(self) -> dict:
        """The values for services.create_session / update_session."""
        return {
            "title": self.title.data,
            "summary": self.summary.data,
            "picture": self.picture.data,
            "start_at": self.start_at(),
            "end_at": self.end_at(),
            "place_name": self.place_name.data,
            "address": self.address.data,
            "step_free": self.step_free.data,
            "hearing_loop": self.hearing_loop.data,
            "accessible_toilet": self.accessible_toilet.data,
            "access_notes": self.access_notes.data,
            "bring": self.bring.data,
            "online_link": self.online_link.data or None,
            "group_id": int(self.group_id.data) if self.group_id.data else None,
            "places": self.places.data,
        }
