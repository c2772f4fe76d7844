"""The demo agendas: a draft written by two co-trainers with history, and a published one."""

from __future__ import annotations

import sqlalchemy as sa

from portal.agendas.models import Agenda, AgendaChange, AgendaItem, AgendaSuggestion
from portal.demo import load_demo_data
from portal.extensions import db
from portal.sessions.models import TrainingSession


def test_demo_agendas(app):
    with app.test_request_context():
        assert load_demo_data()
        db.session.commit()
        agendas = {
            session.title: agenda
            for agenda, session in db.session.execute(
                sa.select(Agenda, TrainingSession).join(
                    TrainingSession, TrainingSession.id == Agenda.session_id
                )
            )
        }
        intro = agendas["Introduction to community organising"]
        assert intro.is_published
        draft = agendas["Train the trainers: day 1"]
        assert not draft.is_published
        authors = set(
            db.session.scalars(
                sa.select(AgendaChange.user_id).where(AgendaChange.agenda_id == draft.id)
            )
        )
        assert len(authors) == 2  # written by two co-trainers
        actions = db.session.scalars(
            sa.select(AgendaChange.action).where(AgendaChange.agenda_id == draft.id)
        ).all()
        assert "changed" in actions
        items = db.session.scalars(
            sa.select(AgendaItem).where(AgendaItem.agenda_id == draft.id)
        ).all()
        assert "Name game with a ball" in {item.title for item in items}
        assert db.session.scalar(
            sa.select(sa.func.count(AgendaSuggestion.id)).where(
                AgendaSuggestion.agenda_id == draft.id
            )
        )
