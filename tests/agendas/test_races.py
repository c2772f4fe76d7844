"""Two people acting at the same moment: moves and answers to ideas, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

from portal.agendas.models import AgendaItem, AgendaSuggestion
from portal.notices.models import Notice
from tests.factories import create_agenda_item


def _at_once(posts) -> list[int]:
    """Run each (client, url, data) POST in its own thread, all released together."""
    barrier = threading.Barrier(len(posts))
    statuses: list[int] = []
    tokens = [client.csrf_token() for client, _, _ in posts]

    def run(index: int) -> None:
        client, url, data = posts[index]
        barrier.wait()
        statuses.append(client.post(url, data={"csrf_token": tokens[index], **data}).status_code)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _order(app, session_id: int) -> list[str]:
    with app.app_context():
        from portal.agendas.queries import find_agenda, live_items

        return [item.title for item in live_items(find_agenda(session_id).id)]


def test_two_moves_at_once_both_count(app, client_for, training, co_trainer, other_trainer):
    items = {name: create_agenda_item(training.id, title=name) for name in "BADC"}
    base = f"/agendas/session/{training.id}/items"
    for _ in range(3):
        _at_once(
            [
                (client_for(co_trainer), f"{base}/{items['D'].id}/move", {"direction": "up"}),
                (client_for(other_trainer), f"{base}/{items['A'].id}/move", {"direction": "down"}),
            ]
        )
        # Whichever went first, the other worked on the list it left: no move is lost.
        assert "".join(_order(app, training.id)) in {"BDCA", "DBAC"}
        for position, name in enumerate("BADC", start=1):  # back to the start
            with app.app_context():
                from portal.extensions import db

                db.session.get(AgendaItem, items[name].id).position = position
                db.session.commit()


def _idea(app, client_as, training) -> int:
    client_as("member").post_form(f"/agendas/session/{training.id}/suggest", {"title": "Buses"})
    with app.app_context():
        from portal.extensions import db

        return db.session.scalar(db.select(AgendaSuggestion.id))


def test_two_answers_at_once_make_one_item_and_one_notice(
    app, client_as, client_for, training, co_trainer, other_trainer, users_by_role
):
    suggestion_id = _idea(app, client_as, training)
    url = f"/agendas/session/{training.id}/suggestions/{suggestion_id}"
    statuses = _at_once(
        [
            (client_for(co_trainer), url, {"accept": "1", "minutes": "20"}),
            (client_for(other_trainer), url, {"accept": "0", "reply": "Not this time."}),
            (client_for(co_trainer), url, {"accept": "1", "minutes": "30"}),
        ]
    )
    assert statuses == [302, 302, 302]  # the late ones are told "Someone answered this already"
    member = users_by_role["member"]
    with app.app_context():
        from portal.extensions import db

        kinds = db.session.scalars(
            db.select(Notice.kind).where(
                Notice.user_id == member.id, Notice.kind.startswith("agenda_suggestion")
            )
        ).all()
        items = db.session.scalars(db.select(AgendaItem).where(AgendaItem.title == "Buses")).all()
        suggestion = db.session.get(AgendaSuggestion, suggestion_id)
        assert len(kinds) == 1
        assert len(items) == (1 if suggestion.status.value == "accepted" else 0)
        assert (suggestion.item_id is not None) == (suggestion.status.value == "accepted")
