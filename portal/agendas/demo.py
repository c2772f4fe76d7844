"""Demo agendas: a draft being written by two co-trainers, and a published one for members."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.accounts.models import User
from portal.agendas.models import AgendaChange
from portal.agendas.publishing import publish
from portal.agendas.services import add_item, agenda_for, update_item
from portal.agendas.suggestions import suggest
from portal.extensions import db
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow

# (title, description, minutes, kind, picture, leaders with an account, names typed in)
INTRO_ITEMS = [
    ("Welcome", "We say hello. We learn each other's names.", 30, "talk", "welcome", ["alex"], ""),
    (
        "What is community organising?",
        "People working together to change things.",
        45,
        "talk",
        "together",
        ["alex"],
        "",
    ),
    ("Break", "Tea, coffee and biscuits.", 15, "break", "", [], ""),
    (
        "Listening in pairs",
        "Tell a partner what matters to you. Then swap.",
        45,
        "activity",
        "listen",
        ["alex"],
        "Nia",
    ),
    ("Lunch", "Sandwiches and fruit. Tell us what you cannot eat.", 60, "food", "", [], ""),
    (
        "What matters to us",
        "We share what we heard. We find what we have in common.",
        60,
        "talk",
        "",
        ["alex", "sam"],
        "",
    ),
    ("Goodbye", "What did you like? What next?", 15, "talk", "welcome", ["alex"], ""),
]

# As above, then who wrote it.
TRAINERS_ITEMS = [
    ("Welcome back", "How was your week? One thing each.", 20, "talk", "", ["dev"], "", "dev"),
    ("Name game", "Throw the ball and say a name.", 15, "game", "", ["alex"], "", "alex"),
    (
        "Planning a session",
        "Work in pairs. Plan a short session together.",
        60,
        "activity",
        "idea",
        ["alex", "dev"],
        "",
        "alex",
    ),
    ("Break", "Tea and a walk outside.", 15, "break", "park", [], "", "dev"),
    ("Lunch", "Bring your own lunch.", 45, "food", "", [], "", "alex"),
    (
        "Practise leading",
        "Each pair leads 10 minutes. We cheer each other on.",
        90,
        "activity",
        "",
        ["dev"],
        "",
        "dev",
    ),
]


def _session(title_start: str) -> TrainingSession | None:
    return db.session.scalar(
        sa.select(TrainingSession)
        .where(TrainingSession.title.startswith(title_start), TrainingSession.start_at > utcnow())
        .order_by(TrainingSession.start_at)
    )


def load_agendas_demo(people: dict[str, User]) -> None:
    intro = _session("Introduction to community organising")
    if intro is not None:
        agenda = agenda_for(intro)
        for title, description, minutes, kind, picture, leads, typed in INTRO_ITEMS:
            add_item(
                agenda,
                people["alex"],
                title=title,
                description=description,
                minutes=minutes,
                kind=kind,
                picture=picture,
                leader_ids=[people[name].id for name in leads],
                leaders=typed,
            )
        publish(agenda, people["alex"])
    trainers = _session("Train the trainers")
    if trainers is None:
        return
    agenda = agenda_for(trainers)
    items = {}
    for title, description, minutes, kind, picture, leads, typed, author in TRAINERS_ITEMS:
        items[title] = add_item(
            agenda,
            people[author],
            title=title,
            description=description,
            minutes=minutes,
            kind=kind,
            picture=picture,
            leader_ids=[people[name].id for name in leads],
            leaders=typed,
        )
    # Dev and Alex changed each other's parts: this is the history they can look back at.
    game = items["Name game"]
    update_item(
        agenda,
        game.id,
        game.version,
        people["dev"],
        {**game.values(), "title": "Name game with a ball", "minutes": 20},
    )
    lunch = items["Lunch"]
    update_item(
        agenda,
        lunch.id,
        lunch.version,
        people["dev"],
        {**lunch.values(), "description": "Bring your own lunch. There is a fridge."},
    )
    suggest(
        agenda,
        people["sam"],
        "How to keep everyone listening",
        "Sometimes people talk over each other.",
    )
    # Spread the history over the last few days, oldest first, as it really happened.
    changes = db.session.scalars(
        sa.select(AgendaChange).where(AgendaChange.agenda_id == agenda.id).order_by(AgendaChange.id)
    ).all()
    start = utcnow() - timedelta(days=3)
    for number, change in enumerate(changes):
        change.created_at = start + timedelta(hours=5 * number)
    db.session.flush()
