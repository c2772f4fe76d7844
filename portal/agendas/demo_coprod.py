"""Demo ideas members back (issue 17): the next "Speaking up at meetings" has ideas from
members, and others have backed them, so co-trainers see them most backed first."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import User
from portal.agendas.backing import set_backing
from portal.agendas.services import agenda_for
from portal.agendas.suggestions import suggest
from portal.extensions import db
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow

IDEAS = [
    # (who sent it, title, details, who backs it)
    ("priya", "Saying no politely", "How to say no at a meeting without upsetting people.",
     ["sam", "ffion", "megan"]),
    ("ffion", "Speaking Welsh at meetings", "Can we practise in Welsh too?", ["sam"]),
    ("sam", "What to do when I get nervous", "", []),
]  # fmt: skip


def load_backing_demo(people: dict[str, User]) -> None:
    session = db.session.scalar(
        sa.select(TrainingSession)
        .where(
            TrainingSession.title == "Speaking up at meetings", TrainingSession.start_at > utcnow()
        )
        .order_by(TrainingSession.start_at)
    )
    if session is None:
        return
    agenda = agenda_for(session)
    for author, title, details, backers in IDEAS:
        idea = suggest(agenda, people[author], title, details)
        for name in backers:
            set_backing(idea, people[name], True)
    db.session.flush()
