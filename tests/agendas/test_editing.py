"""Co-trainers plan an agenda: add, change, move, delete with undo, times, overrun warning."""

from __future__ import annotations

import re

import pytest

from portal.agendas.models import AgendaChange, AgendaItem, AgendaSuggestion
from tests.conftest import htmx_headers
from tests.factories import (
    create_agenda_item,
    create_session,
    create_user,
    fetch,
)


def _editor(session_id: int) -> str:
    return f"/agendas/session/{session_id}"


def _item_data(**overrides) -> dict:
    data = {
        "title": "Welcome and names",
        "description": "We say hello.",
        "minutes": "30",
        "kind": "talk",
        "leaders": "Alex",
    }
    data.update(overrides)
    return data


def test_trainers_and_staff_open_the_editor(client_as, client_for, training, other_trainer):
    for client in (client_as("co_trainer"), client_as("staff"), client_for(other_trainer)):
        response = client.get(_editor(training.id))
        assert response.status_code == 200
        assert "Plan the agenda" in response.get_data(as_text=True)


def test_members_and_other_trainers_get_403_by_url_and_by_post(
    app, client_as, client_for, training
):
    stranger = create_user(role="co_trainer", username="kim", display_name="Kim")
    item = create_agenda_item(training.id, title="Welcome")
    client_as("member").post_form(f"/agendas/session/{training.id}/suggest", {"title": "Buses"})
    with app.app_context():
        from portal.extensions import db

        suggestion_id = db.session.scalar(db.select(AgendaSuggestion.id))
    for client in (client_as("member"), client_for(stranger)):
        assert client.get(_editor(training.id)).status_code == 403
        assert client.get(f"{_editor(training.id)}/live").status_code == 403
        url = f"{_editor(training.id)}/items/{item.id}"
        response = client.post_form(url, _item_data(title="Taken over", version="1"))
        assert response.status_code == 403
        assert client.post_form(f"{url}/delete", {"version": "1"}).status_code == 403
        assert client.post_form(f"{_editor(training.id)}/items", _item_data()).status_code == 403
        base = _editor(training.id)
        for path, data in (
            (f"{url}/move", {"direction": "down"}),
            (f"{url}/put-back", {"version": "1"}),
            (f"{base}/publish", {"publish": "1"}),
            (f"{base}/tell-people", {}),
            (f"{base}/suggestions/{suggestion_id}", {"accept": "1", "minutes": "10"}),
        ):
            assert client.post_form(path, data).status_code == 403, path
        for path in (f"{base}/history", f"{base}/history?item={item.id}", url):
            assert client.get(path).status_code == 403, path
    assert fetch(AgendaItem, item.id).title == "Welcome"
    assert fetch(AgendaItem, item.id).deleted_at is None
    assert fetch(AgendaSuggestion, suggestion_id).status.value == "waiting"


def test_add_items_and_see_their_start_times(client_as, training):
    client = client_as("co_trainer")
    response = client.post_form(f"{_editor(training.id)}/items", _item_data())
    assert response.status_code == 302
    client.post_form(
        f"{_editor(training.id)}/items", _item_data(title="Break", kind="break", minutes="15")
    )
    page = client.get(_editor(training.id)).get_data(as_text=True)
    assert "10am" in page and "Welcome and names" in page
    assert "10:30am" in page and "Break" in page
    assert "The agenda ends at 10:45am." in page
    assert "overrun-warning" not in page


def test_overrun_warning_when_items_run_past_the_end(client_as, training):
    create_agenda_item(training.id, title="Long talk", minutes=150)
    create_agenda_item(training.id, title="Lunch", kind="food", minutes=45)
    page = client_as("co_trainer").get(_editor(training.id)).get_data(as_text=True)
    assert "overrun-warning" in page
    assert "The agenda runs 15 minutes past the end." in page
    assert "This part runs past the end of the session." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes", "0", "Write the minutes as a number from 1 to 480."),
        ("minutes", "481", "Write the minutes as a number from 1 to 480."),
        ("minutes", "1.5", "Write the minutes as a number from 1 to 480."),
        ("minutes", "lots", "Write the minutes as a number from 1 to 480."),
        ("title", "   ", "Write a short name for this part."),
        ("title", "x" * 81, "Use 80 letters or fewer."),
    ],
)
def test_bad_input_is_refused_in_easy_read_and_keeps_the_words(
    client_as, training, field, value, message
):
    response = client_as("co_trainer").post_form(
        f"{_editor(training.id)}/items", _item_data(**{field: value})
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert "We say hello." in page  # the rest of what was typed is kept


def test_text_is_escaped(client_as, training):
    client = client_as("co_trainer")
    client.post_form(f"{_editor(training.id)}/items", _item_data(title="<script>x</script>"))
    page = client.get(_editor(training.id)).get_data(as_text=True)
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def test_change_in_place_with_htmx_and_as_a_page(client_as, training):
    item = create_agenda_item(training.id, title="Welcome")
    client = client_as("co_trainer")
    url = f"{_editor(training.id)}/items/{item.id}"
    full = client.get(url)
    assert "<html" in full.get_data(as_text=True)
    # Its own page posts the plain way and comes back to the editor; in the editor, htmx swaps.
    assert "hx-post" not in full.get_data(as_text=True).split('id="item-')[1]
    fragment = client.get(url, headers=htmx_headers())
    assert "<html" not in fragment.get_data(as_text=True)
    assert f'hx-post="{url}"' in fragment.get_data(as_text=True)
    assert 'data-editing="true"' in fragment.get_data(as_text=True)
    assert "HX-Request" in fragment.headers["Vary"]
    response = client.post_form(
        url,
        _item_data(title="Welcome, names and tea", version=str(item.version)),
        headers=htmx_headers(),
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body and "Welcome, names and tea" in body
    # The answer is the whole live area, so htmx swaps that, not the part's own row.
    assert body.count('id="agenda-live"') == 1
    assert response.headers["HX-Retarget"] == "#agenda-live"
    assert response.headers["HX-Reswap"] == "outerHTML"
    saved = fetch(AgendaItem, item.id)
    assert saved.title == "Welcome, names and tea"
    assert saved.version == item.version + 1


def test_a_stale_save_shows_the_conflict_screen_and_changes_nothing(
    client_as, client_for, training, other_trainer
):
    item = create_agenda_item(training.id, title="Break", kind="break", minutes=15)
    url = f"{_editor(training.id)}/items/{item.id}"
    dev = client_for(other_trainer)
    assert dev.post_form(url, _item_data(title="Tea break", version="1")).status_code == 302
    alex = client_as("co_trainer")
    response = alex.post_form(url, _item_data(title="Coffee break", version="1"))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else changed this part" in page
    assert "What Dev Shah saved" in page and "Tea break" in page
    assert "What you wrote" in page and "Coffee break" in page
    assert 'name="version" type="hidden" value="2"' in page
    assert fetch(AgendaItem, item.id).title == "Tea break"
    # Keep my words: the form now carries their version, so saving works.
    response = alex.post_form(url, _item_data(title="Coffee break", version="2"))
    assert response.status_code == 302
    assert fetch(AgendaItem, item.id).title == "Coffee break"


def test_move_up_and_down(client_as, training):
    first = create_agenda_item(training.id, title="First")
    second = create_agenda_item(training.id, title="Second")
    third = create_agenda_item(training.id, title="Third")
    client = client_as("co_trainer")
    base = _editor(training.id)
    response = client.post_form(
        f"{base}/items/{third.id}/move", {"direction": "up"}, headers=htmx_headers()
    )
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="agenda-live"' in body
    assert body.index("Third") < body.index("Second")
    client.post_form(f"{base}/items/{first.id}/move", {"direction": "down"})
    page = client.get(base).get_data(as_text=True)
    assert page.index(">Third<") < page.index(">First<") < page.index(">Second<")
    # Moving the top one up changes nothing and says so.
    client.post_form(f"{base}/items/{third.id}/move", {"direction": "up"})
    assert "Third is already there." in client.get(base).get_data(as_text=True)
    assert second.id  # the list keeps every item


def test_delete_then_undo(client_as, training):
    item = create_agenda_item(training.id, title="Quiz")
    client = client_as("co_trainer")
    base = _editor(training.id)
    response = client.post_form(f"{base}/items/{item.id}/delete", {"version": str(item.version)})
    assert response.status_code == 302 and f"undo={item.id}" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "You took Quiz off the agenda." in page and "Undo" in page
    assert fetch(AgendaItem, item.id).deleted_at is not None
    assert ">Quiz<" not in page
    deleted = fetch(AgendaItem, item.id)
    client.post_form(f"{base}/items/{item.id}/put-back", {"version": str(deleted.version)})
    assert fetch(AgendaItem, item.id).deleted_at is None
    assert ">Quiz<" in client.get(base).get_data(as_text=True)


def test_history_and_restoring_an_earlier_version(client_as, training, app):
    item = create_agenda_item(training.id, title="Games")
    client = client_as("co_trainer")
    base = _editor(training.id)
    client.post_form(f"{base}/items/{item.id}", _item_data(title="Name games", version="1"))
    page = client.get(f"{base}/history?item={item.id}").get_data(as_text=True)
    assert "History of Name games" in page
    assert "<bdi>Alex Rivera</bdi> changed it." in page
    with app.app_context():
        from portal.extensions import db

        first = db.session.scalars(
            db.select(AgendaChange).where(AgendaChange.item_id == item.id).order_by(AgendaChange.id)
        ).first()
        first_id = first.id
    page = client.get(f"{base}/history?item={item.id}").get_data(as_text=True)
    assert 'name="version" value="2"' in page  # the version seen now goes with "Put back"
    client.post_form(f"{base}/items/{item.id}/put-back", {"change": str(first_id), "version": "2"})
    restored = fetch(AgendaItem, item.id)
    assert restored.title == "Games"
    assert restored.version == 3  # restoring is a new version, never a rewrite of history
    assert "put back" in client.get(f"{base}/history").get_data(as_text=True)


def test_another_sessions_item_is_not_found(client_as, training, co_trainer):
    other = create_session(title="Other", trainers=[co_trainer])
    item = create_agenda_item(other.id, title="Elsewhere")
    client = client_as("co_trainer")
    response = client.post_form(f"{_editor(training.id)}/items/{item.id}/delete")
    assert response.status_code == 404


def test_dragging_names_the_part_it_lands_before(client_as, training):
    a, b, c = (create_agenda_item(training.id, title=name) for name in ("Alpha", "Beta", "Gamma"))
    client = client_as("co_trainer")
    base = _editor(training.id)

    def order():
        page = client.get(base).get_data(as_text=True)
        return sorted(("Alpha", "Beta", "Gamma"), key=lambda name: page.index(f">{name}<"))

    client.post_form(f"{base}/items/{c.id}/move", {"before": str(a.id)})
    assert order() == ["Gamma", "Alpha", "Beta"]
    client.post_form(f"{base}/items/{c.id}/move", {"before": "end"})
    assert order() == ["Alpha", "Beta", "Gamma"]
    # Someone else moved Beta meanwhile: "before Alpha" still means before Alpha.
    client.post_form(f"{base}/items/{b.id}/move", {"direction": "up"})
    client.post_form(f"{base}/items/{c.id}/move", {"before": str(a.id)})
    assert order() == ["Beta", "Gamma", "Alpha"]
    # A part that is not on the agenda any more cannot be a place to land.
    client.post_form(
        f"{base}/items/{b.id}/delete", {"version": str(fetch(AgendaItem, b.id).version)}
    )
    response = client.post_form(f"{base}/items/{a.id}/move", {"before": str(b.id)})
    assert "Alpha is already there." in client.get(response.location).get_data(as_text=True)


def test_history_pages_back_to_the_first_change_and_says_what_changed(client_as, training, app):
    item = create_agenda_item(training.id, title="Games 0")
    client = client_as("co_trainer")
    base = _editor(training.id)
    for number in range(1, 56):
        client.post_form(
            f"{base}/items/{item.id}",
            _item_data(title=f"Games {number}", minutes="30", version=str(number)),
        )
    client.post_form(
        f"{base}/items/{item.id}", _item_data(title="Games 55", minutes="45", version="56")
    )
    first = client.get(f"{base}/history?item={item.id}").get_data(as_text=True)
    assert "What changed: Minutes." in first
    assert "What changed: Name." in first
    assert "Games 0<" not in first and "Show older changes" in first
    older = re.search(r'href="([^"]+before=\d+)"', first).group(1).replace("&amp;", "&")
    second = client.get(older).get_data(as_text=True)
    assert "Someone added it." in second and "Games 0<" in second
    assert "Show older changes" not in second


def test_history_says_where_a_part_was_moved(client_as, training):
    create_agenda_item(training.id, title="First")
    second = create_agenda_item(training.id, title="Second")
    client = client_as("co_trainer")
    base = _editor(training.id)
    client.post_form(f"{base}/items/{second.id}/move", {"direction": "up"})
    page = client.get(f"{base}/history").get_data(as_text=True)
    assert "<bdi>Alex Rivera</bdi> moved it to place 1." in page
