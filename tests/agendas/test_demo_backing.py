"""The demo has ideas members backed, most backed first for the co-trainer planning."""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa

from portal.demo import load_demo_data
from portal.extensions import db
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow


def test_demo_ideas_are_backed_and_ordered(app, client):
    with app.test_request_context():
        assert load_demo_data()
        db.session.commit()
        upcoming = db.session.scalar(
            sa.select(TrainingSession.id).where(
                TrainingSession.title == "Speaking up at meetings",
                TrainingSession.start_at > utcnow(),
            )
        )
    client.sign_in_as(SimpleNamespace(username="dev"), password="dev-co-trainer-1")
    page = client.get(f"/agendas/session/{upcoming}").get_data(as_text=True)
    assert "3 members back this idea." in page and "1 member backs this idea." in page
    assert page.index("Saying no politely") < page.index("Speaking Welsh at meetings")
    assert page.index("Speaking Welsh at meetings") < page.index("What to do when I get nervous")
