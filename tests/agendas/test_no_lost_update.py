"""No lost updates: saves racing from the same version, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading

from portal.agendas.models import AgendaChange, AgendaItem
from tests.factories import create_agenda_item, fetch


def test_concurrent_saves_from_one_version_never_lose_an_update(
    app, client_for, training, co_trainer, other_trainer
):
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    url = f"/agendas/session/{training.id}/items/{item.id}"
    clients = [client_for(co_trainer), client_for(other_trainer)] * 3
    tokens = [client.csrf_token() for client in clients]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def save(index: int) -> None:
        data = {
            "csrf_token": tokens[index],
            "title": f"Break number {index}",
            "description": "",
            "minutes": "15",
            "kind": "break",
            "leaders": "",
            "version": "1",
        }
        barrier.wait()
        statuses.append(clients[index].post(url, data=data).status_code)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Exactly one save from version 1 wins; every other person sees the conflict screen.
    assert sorted(statuses) == [302] + [409] * (len(clients) - 1)
    saved = fetch(AgendaItem, item.id)
    assert saved.version == 2
    with app.app_context():
        from portal.extensions import db

        changes = db.session.scalars(
            db.select(AgendaChange).where(AgendaChange.item_id == item.id).order_by(AgendaChange.id)
        ).all()
        assert [change.action.value for change in changes] == ["added", "changed"]
        assert changes[1].snapshot["title"] == saved.title
