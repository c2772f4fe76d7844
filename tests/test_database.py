"""portal/database.py: one INSERT ... ON CONFLICT DO NOTHING for SQLite and PostgreSQL, and
foreign keys checked by both."""

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from portal.agendas.models import Agenda, AgendaItem
from portal.database import insert_or_ignore
from portal.extensions import db
from portal.notices.models import Notice
from portal.timeutil import utcnow
from tests.factories import count_rows, create_agenda_item, create_session


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


def _notice_for(user_id: int) -> dict:
    return {
        "user_id": user_id,
        "kind": "session_back_on",
        "params": {},
        "dedupe_key": f"for-{user_id}",
        "created_at": utcnow(),
        "email_attempts": 0,
    }


def test_a_row_pointing_at_nobody_is_refused(app, member):
    with app.app_context():
        db.session.execute(sa.insert(Notice).values(**_notice_for(member.id)))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.insert(Notice).values(**_notice_for(member.id + 1000)))
        db.session.rollback()


def test_taking_a_row_away_takes_what_cascades_from_it(app):
    session = create_session()
    item = create_agenda_item(session.id, title="Games")
    with app.app_context():
        db.session.execute(sa.delete(Agenda).where(Agenda.id == item.agenda_id))
        db.session.commit()
    assert count_rows(AgendaItem, id=item.id) == 0


def _foreign_keys_checked(connection) -> bool:
    return connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.fixture
def sqlite_app(app):
    """The app, in the SQLite run only: PostgreSQL always checks foreign keys."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL always checks foreign keys")
    return app


def test_every_new_sqlite_connection_checks_foreign_keys(sqlite_app):
    with sqlite_app.app_context():
        url = db.engine.url
    engine = sa.create_engine(url)  # a connection of its own, not one the migrations left
    try:
        with engine.connect() as connection:
            assert _foreign_keys_checked(connection)
    finally:
        engine.dispose()


def test_sqlite_checks_foreign_keys_again_after_the_migrations(sqlite_app):
    with sqlite_app.app_context():
        # At the newest already, the migrations' connection still turns the checks off.
        upgrade()
        pool = db.engine.pool
        assert pool.checkedin() >= 1
        # Every connection waiting in the pool, the migrations' own among them.
        connections = [db.engine.connect() for _ in range(pool.checkedin())]
        try:
            assert all(_foreign_keys_checked(connection) for connection in connections)
        finally:
            for connection in connections:
                connection.close()


def test_upgrading_sqlite_names_rows_that_point_at_nothing_and_keeps_them(
    sqlite_app, member, capsys
):
    with sqlite_app.app_context():
        # A row written before SQLite checked foreign keys: its person is gone.
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.execute(sa.insert(Notice).values(**_notice_for(member.id + 1000)))
            connection.commit()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
        capsys.readouterr()
        upgrade()  # at the newest already: only the check runs
    # The migrations set up their own logging (migrations/alembic.ini): it goes to stderr.
    said = capsys.readouterr().err
    assert (
        "Rows pointing at rows that are not there: 1 (tables: notice). They are kept; "
        "SQLite did not check this before." in said
    )
    assert count_rows(Notice, user_id=member.id + 1000) == 1
