"""0018 adds reading settings without touching any account, and can be undone and redone."""

from __future__ import annotations

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from portal.extensions import db


def test_reading_settings_go_down_and_up_keeping_every_account(app, client, member):
    from tests.factories import create_user

    other = create_user(username="kim")
    client.sign_in_as(member)
    client.post_form("/settings", {"theme": "dark"})
    with app.app_context():
        downgrade(revision="0017_kept_form_owner")
        tables = sa.inspect(db.engine).get_table_names()
        names = db.session.execute(sa.text("SELECT username FROM user_account")).scalars().all()
        db.session.rollback()
        upgrade()
        rows = db.session.execute(sa.text("SELECT count(*) FROM reading_settings")).scalar()
        db.session.rollback()
    assert "reading_settings" not in tables
    assert sorted(names) == sorted([member.username, other.username])
    assert rows == 0  # after the way back up, everyone reads with the defaults
    client.sign_in_as(member)
    assert 'class="theme-dark"' not in client.get("/").get_data(as_text=True)
    client.post_form("/settings", {"theme": "dark"})
    assert '<html lang="en" class="theme-dark"' in client.get("/").get_data(as_text=True)
