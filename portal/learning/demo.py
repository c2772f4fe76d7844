"""Demo path to co-trainer (issue 17): steps staff set, two Train the trainers days in the
spring with a plan, and Priya one step from co-training (she has not led a part yet)."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import User
from portal.agendas.models import AgendaSuggestion, SuggestionStatus
from portal.agendas.publishing import publish
from portal.agendas.services import add_item, agenda_for
from portal.extensions import db
from portal.groups.models import Group
from portal.learning.models import LearningStep, LedPart, TrainTheTrainers
from portal.sessions.demo_coprod import came_to, past_session
from portal.timeutil import utcnow

SPRING_PARTS = [
    ("Welcome and tea", "We say hello and get a drink.", 20),
    ("What makes a good session", "We talk about sessions we liked, and why.", 45),
    ("Planning a part together", "In pairs, we plan a short part of a session.", 60),
]


def load_learning_demo(people: dict[str, User]) -> None:
    sam, priya, alex, dev = people["sam"], people["priya"], people["alex"], people["dev"]
    for kind, number in (("sessions", 3), ("train_the_trainers", 2), ("led_parts", 1)):
        db.session.add(LearningStep(kind=kind, number=number))
    group = db.session.scalar(sa.select(Group).where(Group.name == "Train the trainers"))
    days = []
    for number, days_ago in ((1, 91), (2, 90)):
        day = past_session(
            f"Train the trainers: spring day {number}",
            days_ago,
            6,
            [alex, dev],
            summary="Learn how to run a session with a co-trainer.",
            picture="listen",
            places=12,
            group_id=group.id if group else None,
        )
        db.session.add(TrainTheTrainers(session_id=day.id))
        days.append(day)
    came_to(days[0], [sam, priya], alex)
    came_to(days[1], [priya], alex)
    agenda = agenda_for(days[0])
    items = [
        add_item(
            agenda,
            alex,
            title=title,
            description=words,
            minutes=minutes,
            kind="talk",
            leaders="",
            leader_ids=[],
        )
        for title, words, minutes in SPRING_PARTS
    ]
    # Sam's idea went on the agenda, and Sam led that part: it shows on Sam's learning.
    db.session.add(
        AgendaSuggestion(
            agenda_id=agenda.id,
            user_id=sam.id,
            title="Planning a part together",
            status=SuggestionStatus.ACCEPTED,
            reply="Yes, let's do this in pairs.",
            item_id=items[2].id,
            decided_at=utcnow(),
        )
    )
    db.session.add(LedPart(item_id=items[2].id, user_id=sam.id, recorded_by_id=alex.id))
    publish(agenda, alex)
    db.session.flush()
