"""What the editor's script relies on from the server: heading levels when a form opens inside
the editor, the latest change said aloud, and htmx sent to sign in when the session ended."""

from __future__ import annotations

import re
from pathlib import Path

from portal.accounts.kept_forms import KeptForm
from portal.agendas.models import AgendaItem
from portal.extensions import db
from tests.conftest import htmx_headers
from tests.factories import create_agenda_item, fetch

ROOT = Path(__file__).resolve().parents[2]


def _url(session_id: int, item_id: int | None = None) -> str:
    return f"/agendas/session/{session_id}" + (f"/items/{item_id}" if item_id else "")


def _headings(page: str) -> list[str]:
    return re.findall(r"<(h\d)\b", page)


def test_a_change_form_in_the_editor_is_a_level_3_heading_and_h2_on_its_own_page(
    client_as, training
):
    item = create_agenda_item(training.id, title="Break")
    client = client_as("co_trainer")
    fragment = client.get(_url(training.id, item.id), headers=htmx_headers())
    # In the editor it sits among the parts (h3) under "The parts of the day" (h2).
    assert _headings(fragment.get_data(as_text=True)) == ["h3"]
    page = client.get(_url(training.id, item.id)).get_data(as_text=True)
    assert f'<h2 class="card-heading" id="change-heading-{item.id}"' in page


def test_the_conflict_screen_steps_its_headings_down_and_names_them_per_part(
    client_as, client_for, training, other_trainer
):
    first = create_agenda_item(training.id, title="Break")
    second = create_agenda_item(training.id, title="Games")
    for item in (first, second):
        client_for(other_trainer).post_form(
            _url(training.id, item.id),
            {"title": f"{item.title} 2", "minutes": "15", "kind": "talk", "version": "1"},
        )
    alex = client_as("co_trainer")
    bodies = []
    for item in (first, second):
        stale = {"title": "Mine", "minutes": "15", "kind": "talk", "version": "1"}
        response = alex.post_form(_url(training.id, item.id), stale, headers=htmx_headers())
        body = response.get_data(as_text=True)
        assert "Someone else changed this part" in body
        assert _headings(body) == ["h3", "h4", "h4", "h4"]
        bodies.append(body)
    # Two conflicts open at once in the editor: no id is used twice.
    ids = re.findall(r'id="([^"]+)"', bodies[0]) + re.findall(r'id="([^"]+)"', bodies[1])
    assert len(ids) == len(set(ids))
    assert f'aria-labelledby="yours-heading-{first.id}"' in bodies[0]
    full = alex.post_form(
        _url(training.id, second.id), {"title": "Mine", "minutes": "15", "kind": "talk"}
    )
    assert full.status_code == 409
    assert _headings(full.get_data(as_text=True).split('id="main"')[1])[:3] == ["h1", "h2", "h3"]


def _latest(body: str) -> str:
    match = re.search(
        r'<template id="agenda-latest" data-change="(\d*)">(.*?)</template>', body, re.S
    )
    assert match, "no latest change in the live area"
    return match.group(1), " ".join(re.sub(r"<[^>]+>", "", match.group(2)).split())


def test_the_live_area_names_someone_elses_latest_change(
    client_as, client_for, training, other_trainer
):
    item = create_agenda_item(training.id, title="Break")
    alex = client_as("co_trainer")
    dev = client_for(other_trainer)
    dev.post_form(
        _url(training.id, item.id),
        {"title": "Tea break", "minutes": "15", "kind": "break", "version": "1"},
    )
    change, words = _latest(
        alex.get(_url(training.id) + "/live", headers=htmx_headers()).get_data(as_text=True)
    )
    assert change and words == "Dev Shah changed Tea break."
    dev.post_form(_url(training.id, item.id) + "/delete", {"version": "2"})
    later, words = _latest(alex.get(_url(training.id) + "/live").get_data(as_text=True))
    assert int(later) > int(change) and words == "Dev Shah took Tea break off the agenda."
    # Your own change has nothing to say: you know already.
    alex.post_form(_url(training.id, item.id) + "/put-back", {"version": "3"})
    own, words = _latest(alex.get(_url(training.id) + "/live").get_data(as_text=True))
    assert int(own) > int(later) and words == ""


def test_who_is_changing_what_is_one_message_with_its_quotes(
    client_as, client_for, training, other_trainer
):
    item = create_agenda_item(training.id, title="Break")
    client_for(other_trainer).get(_url(training.id) + f"/live?editing={item.id}")
    alex = client_as("co_trainer")
    alex.post_form("/language", {"language": "cy"})
    page = alex.get(_url(training.id)).get_data(as_text=True)
    assert "Mae <bdi>Dev Shah</bdi> yn newid \u2018<bdi>Break</bdi>\u2019." in page
    # The quotes are in the message, so a translator can put their own.
    catalogue = (ROOT / "translations/cy/LC_MESSAGES/messages.po").read_text()
    assert 'msgid "%(name)s is changing \u2018%(title)s\u2019."' in catalogue
    assert 'msgid "%(name)s is changing %(title)s."' not in catalogue


def test_saving_after_the_session_ended_keeps_the_words_and_sends_the_page_to_sign_in(
    app, client_as, users_by_role, training
):
    from tests.security.signin_helpers import end_sign_ins

    item = create_agenda_item(training.id, title="Break")
    signed_out = client_as("co_trainer")
    csrf = signed_out.csrf_token()
    # Alex's sign-in ends (for example on another phone); this browser keeps its cookies.
    # (A browser with no cookies is a stranger, and a stranger's words are not kept.)
    end_sign_ins(app, users_by_role["co_trainer"].id)
    page = f"http://localhost{_url(training.id)}"
    response = signed_out.post(
        _url(training.id, item.id),
        data={"title": "Tea break", "minutes": "15", "kind": "break", "version": "1"},
        headers=htmx_headers(**{"HX-Current-URL": page, "X-CSRFToken": csrf}),
    )
    # Not a sign-in page swapped into the list: an empty answer that moves the whole page.
    assert response.status_code == 204 and response.get_data() == b""
    assert response.headers["HX-Redirect"] == "/sign-in?next=/send-again"
    with app.app_context():
        kept = db.session.scalars(db.select(KeptForm)).one()
        assert ["title", "Tea break"] in kept.fields
    assert fetch(AgendaItem, item.id).title == "Break"


def test_live_updates_after_the_session_ended_are_told_to_sign_in(client_as, training):
    signed_out = client_as(None)
    page = f"http://localhost{_url(training.id)}"
    response = signed_out.get(
        _url(training.id) + "/live", headers=htmx_headers(**{"HX-Current-URL": page})
    )
    assert response.status_code == 204 and response.get_data() == b""
    assert response.headers["HX-Redirect"] == f"/sign-in?next={_url(training.id)}"
    # Without htmx nothing changes: a plain redirect to sign in.
    plain = signed_out.get(_url(training.id))
    assert plain.status_code == 302 and "/sign-in" in plain.location
