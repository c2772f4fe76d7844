"""Demo sessions: the introduction, two Train the trainers days, a full one, a cancelled one
and a past one, so every state of a session can be seen straight away."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from portal.accounts.models import User
from portal.groups.models import Group
from portal.sessions.services import create_session, say_coming
from portal.timeutil import utcnow

HALL = {
    "place_name": "Newport Community Hall",
    "address": "12 Commercial Street\nNewport\nNP20 1HE",
    "step_free": True,
    "hearing_loop": True,
    "accessible_toilet": True,
    "access_notes": "The door is on the left of the building. There is a ramp.\n"
    "The quiet room is next to the kitchen.",
    "bring": "",
}


def _utc(day: date, clock: time) -> datetime:
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return (
        datetime.combine(day, clock, tzinfo=zone).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    )


def _next(month: int, day: int) -> date:
    """The next date with this month and day that is still to come."""
    today = utcnow().date()
    candidate = date(today.year, month, day)
    return candidate if candidate > today else date(today.year + 1, month, day)


def demo_session(day: date, start: int, end: int, trainers: list[User], **fields) -> object:
    values = {**HALL, "picture": "sessions", "online_link": None, "group_id": None, **fields}
    return create_session(
        trainers=trainers,
        start_at=_utc(day, time(start)),
        end_at=_utc(day, time(end)),
        **values,
    )


def load_demo_sessions(people: dict[str, User], groups: dict[str, Group]) -> None:
    today = utcnow().date()
    alex, dev = people["alex"], people["dev"]
    intro = demo_session(
        today + timedelta(days=7),
        10,
        15,
        [alex],
        title="Introduction to community organising",
        summary="Community organising is people working together to change things.\n"
        "We will meet each other. We will talk about what matters to us.\n"
        "There is lunch. You do not need to bring anything.",
        picture="together",
        places=20,
    )
    trainers_group = groups["Train the trainers"].id
    for number, day in ((1, _next(11, 6)), (2, _next(11, 7))):
        demo_session(
            day,
            10,
            16,
            [alex, dev],
            title=f"Train the trainers: day {number}",
            summary="Learn how to run a session with a co-trainer.\n"
            "We practise together in small groups.",
            picture="listen",
            places=12,
            group_id=trainers_group,
            bring="Your lunch. We have tea and coffee. Bring a pen if you like.",
        )
    full = demo_session(
        today + timedelta(days=10),
        13,
        15,
        [dev],
        title="Speaking up at meetings",
        summary="Practise saying what you think at a meeting.\nWe go slowly and help each other.",
        picture="idea",
        places=2,
        online_link="https://meet.example.org/speaking-up",
    )
    cancelled = demo_session(
        today + timedelta(days=14),
        11,
        13,
        [alex],
        title="Walk round the park",
        summary="A walk together to see what could be better in the park.",
        bring="Good shoes and a coat.",
        picture="people",
        places=15,
        step_free=False,
    )
    demo_session(
        today - timedelta(days=21),
        10,
        12,
        [alex],
        title="Welcome coffee morning",
        summary="A relaxed morning to meet new members.",
        places=25,
    )
    for session, username, needs in (
        (intro, "sam", ["step_free", "easy_read"]),
        (intro, "ffion", ["companion"]),
        (full, "ffion", []),
        (full, "priya", ["hearing_loop"]),
        (full, "dev", []),  # the session is full: Dev waits
        (cancelled, "priya", ["quiet_space"]),
    ):
        say_coming(session, people[username], help_needs=needs)
    cancelled.cancelled_at = utcnow()
