"""Cancelling or putting back on twice at once (a double tap, two staff): people hear once.

Threads with their own database connections, as in test_last_place_race.py.
"""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.notices.models import Notice
from portal.sessions.models import TrainingSession
from portal.sessions.services import cancel_session, put_session_back_on
from tests.factories import book, create_session, create_user
from tests.sessions.test_last_place_race import _at_once


def _kinds(app, user_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Notice.kind).where(Notice.user_id == user_id)))


def test_two_cancels_then_two_put_back_ons_at_once_tell_people_once_each(app):
    session = create_session(places=3)
    member = create_user("member")
    book(session.id, member.id)

    def both(action):
        def work(index: int) -> None:
            # Each reads the session first, as a request would, then both act at once.
            action(db.session.get(TrainingSession, session.id))

        return work

    assert _at_once(app, both(cancel_session), 2) == []
    assert _kinds(app, member.id) == ["session_cancelled"]
    assert _at_once(app, both(put_session_back_on), 2) == []
    assert sorted(_kinds(app, member.id)) == ["session_back_on", "session_cancelled"]
