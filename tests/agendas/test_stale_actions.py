"""Delete, Undo and "Put this version back" name the version the person saw: nothing is lost."""

from __future__ import annotations

import re

from portal.agendas.models import AgendaItem
from tests.conftest import htmx_headers
from tests.factories import create_agenda_item, create_board, create_concern, fetch


def _url(session_id: int, item_id: int, action: str = "") -> str:
    return f"/agendas/session/{session_id}/items/{item_id}" + (f"/{action}" if action else "")


def _save(client, session_id, item_id, version, **fields):
    data = {"title": "Break", "minutes": "15", "kind": "break", "version": str(version)}
    data.update(fields)
    return client.post_form(_url(session_id, item_id), data)


def test_delete_after_someone_changed_it_does_nothing(
    client_as, client_for, training, other_trainer
):
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    seen = item.version
    _save(client_for(other_trainer), training.id, item.id, seen, title="Long break")
    alex = client_as("co_trainer")
    response = alex.post_form(_url(training.id, item.id, "delete"), {"version": str(seen)})
    assert response.status_code == 302
    page = alex.get(response.location).get_data(as_text=True)
    assert "Someone changed Long break just now, so we did nothing. Look at it again." in page
    assert fetch(AgendaItem, item.id).deleted_at is None
    assert ">Long break<" in page
    # The list now shows the new version; deleting from it works.
    fresh = fetch(AgendaItem, item.id).version
    alex.post_form(_url(training.id, item.id, "delete"), {"version": str(fresh)})
    assert fetch(AgendaItem, item.id).deleted_at is not None


def test_delete_without_a_version_does_nothing(client_as, training):
    item = create_agenda_item(training.id, title="Break")
    client_as("co_trainer").post_form(_url(training.id, item.id, "delete"))
    assert fetch(AgendaItem, item.id).deleted_at is None


def test_a_stale_delete_with_htmx_shows_the_fresh_list_and_says_why(
    client_as, client_for, training, other_trainer
):
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    _save(client_for(other_trainer), training.id, item.id, 1, title="Tea break")
    response = client_as("co_trainer").post_form(
        _url(training.id, item.id, "delete"), {"version": "1"}, headers=htmx_headers()
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="agenda-live"' in body
    assert "message-error" in body and "Someone changed Tea break just now" in body
    assert f'name="version" value="{fetch(AgendaItem, item.id).version}"' in body


def test_undo_after_someone_else_put_it_back_does_nothing_twice(
    client_as, client_for, training, other_trainer
):
    item = create_agenda_item(training.id, title="Quiz")
    alex, dev = client_as("co_trainer"), client_for(other_trainer)
    alex.post_form(_url(training.id, item.id, "delete"), {"version": "1"})
    deleted = fetch(AgendaItem, item.id).version
    dev.post_form(_url(training.id, item.id, "put-back"), {"version": str(deleted)})
    _save(dev, training.id, item.id, deleted + 1, title="Big quiz")
    response = alex.post_form(_url(training.id, item.id, "put-back"), {"version": str(deleted)})
    page = alex.get(response.location).get_data(as_text=True)
    assert "Someone changed Big quiz just now" in page
    after = fetch(AgendaItem, item.id)
    assert after.title == "Big quiz" and after.deleted_at is None


def test_saving_words_for_a_part_someone_deleted_puts_it_back(
    client_as, client_for, training, other_trainer
):
    create_agenda_item(training.id, title="Welcome")
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    create_agenda_item(training.id, title="Lunch", kind="food")
    client_for(other_trainer).post_form(_url(training.id, item.id, "delete"), {"version": "1"})
    alex = client_as("co_trainer")
    conflict = _save(alex, training.id, item.id, 1, title="Tea break")
    assert conflict.status_code == 409
    assert "They took this part off the agenda." in conflict.get_data(as_text=True)
    response = _save(alex, training.id, item.id, 2, title="Tea break")
    assert response.status_code == 302
    page = alex.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert page.index(">Welcome<") < page.index(">Tea break<") < page.index(">Lunch<")


def test_the_conflict_screen_compares_every_field(
    client_as, client_for, training, other_trainer, users_by_role
):
    board = create_board()
    concern = create_concern(board.id, users_by_role["member"].id, title="Buses stop too early")
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    client_for(other_trainer).post_form(
        _url(training.id, item.id),
        {
            "title": "Break",
            "minutes": "15",
            "kind": "break",
            "picture": "park",
            "leader_ids": str(other_trainer.id),
            "concern_id": str(concern.id),
            "version": "1",
        },
    )
    response = _save(client_as("co_trainer"), training.id, item.id, 1, leaders="Mo")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "You both changed: Who leads it." in page
    assert "Dev Shah changed: Picture and Concern. We put that in your form below." in page
    theirs, rest = page.split(f'id="yours-heading-{item.id}"')
    yours, form = rest.split("Keep your words, or mix them by hand")
    assert "A park" in theirs and "Dev Shah" in theirs and "Buses stop too early" in theirs
    assert "The picture for its kind (Break)" in yours and "Mo" in yours
    assert "It is not about a concern" in yours
    # Name, words, minutes and kind are the same on both sides: not marked.
    assert theirs.count("agenda-differs-tag") == 3 and yours.count("agenda-differs-tag") == 3
    # The form holds their picture and concern, and both people's leaders to choose from.
    assert re.search(r'<input checked [^>]*name="picture" type="radio" value="park">', form)
    assert f'<option selected value="{concern.id}">' in form
    assert 'value="Mo"' in form


def test_save_my_words_keeps_what_only_they_changed(client_as, client_for, training, other_trainer):
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    _save(client_for(other_trainer), training.id, item.id, 1, minutes="25")
    alex = client_as("co_trainer")
    conflict = _save(alex, training.id, item.id, 1, title="Tea break")
    page = conflict.get_data(as_text=True)
    assert "Dev Shah changed: Minutes." in page and "You both changed:" not in page
    form = page.split("Keep your words, or mix them by hand")[1]
    assert 'value="25"' in form and 'value="Tea break"' in form
    # Pressing "Save my words" with the form as it is keeps both changes.
    _save(alex, training.id, item.id, 2, title="Tea break", minutes="25")
    saved = fetch(AgendaItem, item.id)
    assert (saved.title, saved.minutes) == ("Tea break", 25)


def test_the_conflict_form_offers_their_leaders_to_mix_by_hand(client_as, training, users_by_role):
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    jo = users_by_role["staff"]  # staff run every session, without being one of its trainers
    _save(client_as("staff"), training.id, item.id, 1, leader_ids=str(jo.id))
    response = _save(client_as("co_trainer"), training.id, item.id, 1, title="Tea")
    assert response.status_code == 409
    form = response.get_data(as_text=True).split("Keep your words, or mix them by hand")[1]
    assert f'name="leader_ids" type="checkbox" value="{jo.id}"' in form
