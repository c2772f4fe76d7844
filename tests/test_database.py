"""portal/database.py: one INSERT ... ON CONFLICT DO NOTHING for SQLite and PostgreSQL."""

from portal.database import insert_or_ignore
from portal.extensions import db
from portal.notices.models import Notice
from portal.timeutil import utcnow


def test_insert_or_ignore_adds_a_row_once(app, member):
    values = {
        "user_id": member.id,
        "kind": "session_back_on",
        "params": {},
        "dedupe_key": "once",
        "created_at": utcnow(),
        "email_attempts": 0,
    }
    with app.app_context():
        first = db.session.scalar(insert_or_ignore(Notice, values).returning(Notice.id))
        again = db.session.scalar(
            insert_or_ignore(Notice, values, ["dedupe_key"]).returning(Notice.id)
        )
        assert first is not None and again is None
        assert db.session.query(Notice).filter_by(dedupe_key="once").count() == 1
        db.session.rollback()
