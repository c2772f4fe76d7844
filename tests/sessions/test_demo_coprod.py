"""The demo shows who came and how it was straight away."""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa

from portal.demo import load_demo_data
from portal.extensions import db
from portal.notices.models import Notice
from portal.sessions.came import Came
from portal.sessions.feedback import Feedback, summary
from portal.sessions.models import TrainingSession


def test_demo_has_attendance_feedback_and_a_session_to_mark(app, client):
    with app.test_request_context():
        assert load_demo_data()
        db.session.commit()
        by_title = {s.title: s for s in db.session.scalars(sa.select(TrainingSession))}
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Came)) >= 5
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Feedback)) == 4
        asked = db.session.scalar(
            sa.select(sa.func.count()).where(Notice.kind == "session_feedback_asked")
        )
        assert asked == 2  # Sam and Priya came to the session that ended yesterday
        speaking = db.session.scalars(
            sa.select(TrainingSession)
            .where(TrainingSession.title == "Speaking up at meetings")
            .order_by(TrainingSession.start_at)
        ).all()
        assert len(speaking) == 2
        said = summary(speaking[0].id)
        assert said.counts == {"good": 2, "ok": 1, "not_good": 1}
        drop_in = by_title["Drop-in: ask us anything"]
    client.sign_in_as(SimpleNamespace(username="alex"), password="alex-co-trainer")
    page = client.get(f"/sessions/{drop_in.id}/came").get_data(as_text=True)
    assert "Tap each person who is here." in page and "Sam Jones" in page
    client.post_form("/sign-out")
    client.sign_in_as(SimpleNamespace(username="dev"), password="dev-co-trainer-1")
    page = client.get(f"/agendas/session/{speaking[1].id}").get_data(as_text=True)
    said = page[page.index("Last time, members said") :]
    said = said[: said.index("</section>")]
    assert "Slower please, and more breaks." in said
    assert "Sam Jones" in said  # Sam said "Say it was me"; nobody else did
    assert "Ffion Evans" not in said and "Megan Hill" not in said
