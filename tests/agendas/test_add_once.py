""" "Add this part" adds it once: a double tap, or the form sent again after a lost connection,
lands on the same answer as the first send and makes no second part. SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading

import sqlalchemy as sa

from portal.agendas.models import AgendaChange, AgendaItem
from tests.conftest import htmx_headers

TOKEN = re.compile(r'name="add_token" value="([^"]+)"')


def _editor(session_id: int) -> str:
    return f"/agendas/session/{session_id}"


def _add_form(client, session_id: int) -> dict:
    """The add form as the editor shows it: its one-time token and the words typed."""
    page = client.get(_editor(session_id)).get_data(as_text=True)
    match = TOKEN.search(page)
    assert match, "the add form has no one-time token"
    return {
        "add_token": match.group(1),
        "title": "Welcome and names",
        "description": "We say hello.",
        "minutes": "30",
        "kind": "talk",
        "leaders": "Alex",
    }


def _items(app, title: str) -> list[AgendaItem]:
    with app.app_context():
        from portal.extensions import db

        return list(db.session.scalars(sa.select(AgendaItem).where(AgendaItem.title == title)))


def _added_rows(app) -> int:
    with app.app_context():
        from portal.extensions import db

        query = sa.select(sa.func.count()).where(AgendaChange.action == "added")
        return db.session.scalar(query)


def test_each_page_gets_a_new_token(client_as, training):
    client = client_as("co_trainer")
    assert (
        _add_form(client, training.id)["add_token"] != _add_form(client, training.id)["add_token"]
    )


def test_the_same_form_sent_twice_adds_one_part_and_answers_the_same(app, client_as, training):
    client = client_as("co_trainer")
    form = _add_form(client, training.id)
    first = client.post_form(f"{_editor(training.id)}/items", form)
    second = client.post_form(f"{_editor(training.id)}/items", form)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert "forget=agenda-new-" in second.headers["Location"]
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "You added Welcome and names." in page
    assert len(_items(app, "Welcome and names")) == 1
    assert _added_rows(app) == 1  # the history says it was added once, too


def test_the_same_form_sent_twice_with_htmx_adds_one_part(app, client_as, training):
    client = client_as("co_trainer")
    form = _add_form(client, training.id)
    url = f"{_editor(training.id)}/items"
    answers = [client.post_form(url, form, headers=htmx_headers()) for _ in range(2)]
    for answer in answers:
        assert answer.status_code == 200
        assert "You added Welcome and names." in answer.get_data(as_text=True)
        assert answer.headers["HX-Retarget"] == "#agenda-live"
    assert len(_items(app, "Welcome and names")) == 1


def test_a_second_send_still_adds_once_after_the_part_changed(app, client_as, training):
    """Someone changed the part before the resend came: the resend still adds nothing."""
    client = client_as("co_trainer")
    form = _add_form(client, training.id)
    client.post_form(f"{_editor(training.id)}/items", form)
    (item,) = _items(app, "Welcome and names")
    client.post_form(
        f"{_editor(training.id)}/items/{item.id}",
        {**form, "add_token": "", "title": "Hello", "version": str(item.version)},
    )
    again = client.post_form(f"{_editor(training.id)}/items", form)
    assert again.status_code == 302
    assert _items(app, "Welcome and names") == []
    assert len(_items(app, "Hello")) == 1


def test_an_old_form_used_again_for_a_new_part_adds_it(app, client_as, training):
    """The Back button brings back the form with its old token: new words are a new part."""
    client = client_as("co_trainer")
    form = _add_form(client, training.id)
    client.post_form(f"{_editor(training.id)}/items", form)
    client.post_form(f"{_editor(training.id)}/items", {**form, "title": "Tea break"})
    client.post_form(f"{_editor(training.id)}/items", {**form, "title": "Tea break"})
    assert len(_items(app, "Welcome and names")) == 1
    assert len(_items(app, "Tea break")) == 1


def test_the_same_form_sent_again_after_the_part_was_deleted_adds_it_anew(app, client_as, training):
    """Never "You added it" about a part that is not there."""
    client = client_as("co_trainer")
    form = _add_form(client, training.id)
    client.post_form(f"{_editor(training.id)}/items", form)
    (item,) = _items(app, "Welcome and names")
    client.post_form(
        f"{_editor(training.id)}/items/{item.id}/delete", {"version": str(item.version)}
    )
    again = client.post_form(f"{_editor(training.id)}/items", form)
    assert again.status_code == 302
    live = [one for one in _items(app, "Welcome and names") if one.deleted_at is None]
    assert len(live) == 1 and live[0].id != item.id


def test_a_page_from_before_tokens_still_adds(app, client_as, training):
    client = client_as("co_trainer")
    form = {**_add_form(client, training.id), "add_token": ""}
    del form["add_token"]
    assert client.post_form(f"{_editor(training.id)}/items", form).status_code == 302
    assert len(_items(app, "Welcome and names")) == 1


def test_two_sends_at_the_same_moment_add_one_part(app, client_for, training, co_trainer):
    """Two workers get the same form at once (a double tap on a slow line)."""
    clients = [client_for(co_trainer), client_for(co_trainer)]
    form = _add_form(clients[0], training.id)
    tokens = [client.csrf_token() for client in clients]
    barrier = threading.Barrier(2)
    answers: list = []

    def send(index: int) -> None:
        barrier.wait()
        data = {**form, "csrf_token": tokens[index]}
        answers.append(clients[index].post(f"{_editor(training.id)}/items", data=data))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answer.status_code for answer in answers] == [302, 302]
    assert len(_items(app, "Welcome and names")) == 1
    assert _added_rows(app) == 1
