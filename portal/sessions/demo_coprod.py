"""Demo co-production (issue 17): past sessions with who came and what members said, a
session on today to mark who came, and one that ended yesterday waiting for feedback."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from portal.accounts.models import User
from portal.extensions import db
from portal.sessions.came import Came
from portal.sessions.demo import HALL, demo_session
from portal.sessions.feedback import Feedback
from portal.sessions.feedback_asking import ask_how_it_was
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.sessions.services import create_session
from portal.timeutil import utcnow


def past_session(title: str, days_ago: float, hours: int, trainers: list[User], **fields):
    start = utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(days=days_ago)
    values = {**HALL, "picture": "sessions", "online_link": None, "group_id": None, **fields}
    return create_session(
        trainers=trainers,
        title=title,
        start_at=start,
        end_at=start + timedelta(hours=hours),
        **values,
    )


def today_session(title: str, start: int, hours: int, trainers: list[User], **fields):
    """A session today at `start` o'clock, the portal's local time: whatever the hour now, its
    day has come, so who came can be marked (came.can_mark), and it is never at midnight."""
    today = datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    return demo_session(today, start, start + hours, trainers, title=title, **fields)


def came_to(session: TrainingSession, people: list[User], by: User, *, said: bool = True) -> None:
    """Going (when they said so) and marked as came, as a trainer would have done."""
    for person in people:
        if said:
            db.session.add(
                Booking(session_id=session.id, user_id=person.id, status=BookingStatus.GOING)
            )
        db.session.add(Came(session_id=session.id, user_id=person.id, marked_by_id=by.id))
    db.session.flush()


def load_coprod_sessions(people: dict[str, User]) -> dict[str, TrainingSession]:
    sam, ffion, priya, megan = people["sam"], people["ffion"], people["priya"], people["megan"]
    alex, dev = people["alex"], people["dev"]
    speaking = past_session(
        "Speaking up at meetings",
        28,
        2,
        [dev],
        summary="Practise saying what you think at a meeting.\nWe go slowly and help each other.",
        picture="idea",
        places=12,
    )
    came_to(speaking, [sam, ffion, priya], dev)
    came_to(speaking, [megan], dev, said=False)
    for person, face, good, change, named in (
        (sam, "good", "Practising with a partner.", "", True),
        (ffion, "ok", "", "Slower please, and more breaks.", False),
        (priya, "good", "Everyone listened to me.", "A bigger room.", False),
        (megan, "not_good", "", "It was too loud for me.", False),
    ):
        db.session.add(
            Feedback(
                session_id=speaking.id,
                user_id=person.id,
                face=face,
                what_good=good,
                what_change=change,
                named=named,
            )
        )
    planning = past_session(
        "Planning our campaign",
        1,
        2,
        [alex],
        summary="We choose what to work on next, together.",
        picture="together",
        places=15,
    )
    came_to(planning, [sam, priya], alex)
    today = today_session(
        "Drop-in: ask us anything",
        10,
        3,
        [alex, dev],
        summary="Come and ask about the portal, the sessions or the group.",
        picture="help",
        places=20,
    )
    for person in (sam, ffion, priya):
        db.session.add(Booking(session_id=today.id, user_id=person.id, status=BookingStatus.GOING))
    db.session.flush()
    # The notices "How was it?" for the session that ended yesterday, as `notices run` makes.
    with current_app.test_request_context(
        base_url=current_app.config.get("PORTAL_URL") or "http://localhost"
    ):
        ask_how_it_was(utcnow())
    return {"speaking": speaking, "planning": planning, "today": today}
