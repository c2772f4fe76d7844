"""Letting members see the agenda, and making it a draft again, are in its history: who, when."""

from __future__ import annotations

import sqlalchemy as sa

from portal.agendas.models import AgendaChange
from tests.factories import create_agenda_item, create_user


def _publishing(app) -> list[tuple[str, int | None, int | None]]:
    with app.app_context():
        from portal.extensions import db

        rows = db.session.scalars(
            sa.select(AgendaChange)
            .where(AgendaChange.action.in_(["published", "draft"]))
            .order_by(AgendaChange.id)
        )
        return [(row.action.value, row.user_id, row.item_id) for row in rows]


def test_publishing_and_a_draft_again_are_recorded_once_each(
    app, client_as, client_for, training, other_trainer, users_by_role
):
    create_agenda_item(training.id, title="Games")
    base = f"/agendas/session/{training.id}"
    alex = client_as("co_trainer")
    alex.post_form(f"{base}/publish", {"publish": "1"})
    alex.post_form(f"{base}/publish", {"publish": "1"})  # a second tap publishes nothing new
    client_for(other_trainer).post_form(f"{base}/publish", {"publish": "0"})
    client_for(other_trainer).post_form(f"{base}/publish", {"publish": "0"})
    alex_id = users_by_role["co_trainer"].id
    assert _publishing(app) == [
        ("published", alex_id, None),
        ("draft", other_trainer.id, None),
    ]


def test_the_history_page_says_who_let_members_see_it_and_who_made_it_a_draft(
    client_as, client_for, training, other_trainer
):
    create_agenda_item(training.id, title="Games")
    base = f"/agendas/session/{training.id}"
    alex = client_as("co_trainer")
    alex.post_form(f"{base}/publish", {"publish": "1"})
    client_for(other_trainer).post_form(f"{base}/publish", {"publish": "0"})
    page = alex.get(f"{base}/history").get_data(as_text=True)
    published = page.index("<bdi>Alex Rivera</bdi> let members see the agenda.")
    drafted = page.index("<bdi>Dev Shah</bdi> made the agenda a draft again.")
    added = page.index("added it.")
    assert drafted < published < added  # newest first
    # One part's own history is about that part only.
    with alex.application.app_context():
        from portal.extensions import db

        item_id = db.session.scalar(sa.select(AgendaChange.item_id).where(AgendaChange.item_id > 0))
    only_games = alex.get(f"{base}/history?item={item_id}").get_data(as_text=True)
    assert "let members see the agenda" not in only_games
    assert "added it." in only_games


def test_history_in_welsh(client_as, client_for, training):
    create_agenda_item(training.id, title="Games")
    base = f"/agendas/session/{training.id}"
    alex = client_as("co_trainer")
    alex.post_form(f"{base}/publish", {"publish": "1"})
    alex.post_form(f"{base}/publish", {"publish": "0"})
    megan = create_user(role="staff", username="megan", display_name="Megan", language="cy")
    page = client_for(megan).get(f"{base}/history").get_data(as_text=True)
    assert "Gadawodd <bdi>Alex Rivera</bdi> i aelodau weld yr agenda." in page
    assert "Gwnaeth <bdi>Alex Rivera</bdi> yr agenda'n ddrafft eto." in page


def test_others_planning_hear_that_it_was_published(client_as, client_for, training, other_trainer):
    create_agenda_item(training.id, title="Games")
    base = f"/agendas/session/{training.id}"
    client_as("co_trainer").post_form(f"{base}/publish", {"publish": "1"})
    live = client_for(other_trainer).get(f"{base}/live", headers={"HX-Request": "true"})
    assert "<bdi>Alex Rivera</bdi> let members see the agenda." in live.get_data(as_text=True)
