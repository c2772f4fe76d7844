"""Migrations and models agree, and every migration can be undone and redone."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from portal.extensions import db


def test_models_match_the_migrations(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "run `flask --app wsgi db migrate` and commit the new migration"


def test_downgrade_to_nothing_then_upgrade_again(app):
    from tests.factories import create_user

    with app.app_context():
        downgrade(revision="base")
        upgrade()
    # The rebuilt schema works.
    assert create_user(username="after-upgrade").id


def test_going_back_before_linked_leaders_keeps_their_names(app):
    """0012 links leaders to accounts; undoing it writes their names into the typed names."""
    import sqlalchemy as sa

    from tests.factories import create_agenda_item, create_session, create_user

    alex = create_user(role="co_trainer", username="alex2", display_name="Alex Rivera")
    session = create_session(title="Games day", trainers=[alex])
    item = create_agenda_item(session.id, title="Games", leader_ids=[alex.id], leaders="Mo")
    with app.app_context():
        downgrade(revision="0011_agendas")
        leaders = db.session.execute(
            sa.text("SELECT leaders FROM agenda_item WHERE id = :id"), {"id": item.id}
        ).scalar()
        db.session.rollback()
        upgrade()
    assert leaders == "Alex Rivera, Mo"


def test_board_counts_are_filled_from_the_concerns_there_are(app):
    """0026 gives each board its counts from the concerns it already has, then keeps them."""
    import sqlalchemy as sa

    from tests.factories import create_board, create_concern, create_user

    author = create_user(username="priya2")
    board = create_board("Buses")
    create_concern(board.id, author.id, "The bus is late")
    create_concern(board.id, author.id, "The bus is full", review="waiting")
    counts = sa.text("SELECT shown_concerns, open_concerns FROM concern_board")
    with app.app_context():
        downgrade(revision="0025_board_counts")
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(counts).one() == (1, 2)
    create_concern(board.id, author.id, "The bus is cold")
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(counts).one() == (2, 3)
