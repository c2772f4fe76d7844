"""The live channel in one process: conditional polling, and who is here doing what."""

from __future__ import annotations

from tests.conftest import htmx_headers
from tests.factories import create_agenda_item


def _live(session_id: int, editing: int | None = None) -> str:
    return f"/agendas/session/{session_id}/live" + (f"?editing={editing}" if editing else "")


def test_nothing_new_is_a_304_and_a_save_changes_the_etag(
    client_as, client_for, training, other_trainer
):
    item = create_agenda_item(training.id, title="Welcome")
    alex = client_as("co_trainer")
    alex.get(f"/agendas/session/{training.id}")
    first = alex.get(_live(training.id), headers=htmx_headers())
    assert first.status_code == 200
    assert "<html" not in first.get_data(as_text=True)
    etag = first.headers["ETag"]
    again = alex.get(_live(training.id), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""

    dev = client_for(other_trainer)
    dev.post_form(
        f"/agendas/session/{training.id}/items/{item.id}",
        {"title": "Hello and tea", "minutes": "20", "kind": "talk", "version": "1"},
    )
    changed = alex.get(_live(training.id), headers={"If-None-Match": etag, **htmx_headers()})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "Hello and tea" in changed.get_data(as_text=True)


def test_presence_says_who_is_changing_which_item(client_as, client_for, training, other_trainer):
    item = create_agenda_item(training.id, title="Break", kind="break")
    alex = client_as("co_trainer")
    alex.get(f"/agendas/session/{training.id}")
    quiet = alex.get(_live(training.id))
    assert "Nobody else is here now." in quiet.get_data(as_text=True)

    dev = client_for(other_trainer)
    dev.get(_live(training.id, editing=item.id))
    seen = alex.get(_live(training.id), headers={"If-None-Match": quiet.headers["ETag"]})
    assert seen.status_code == 200
    body = seen.get_data(as_text=True)
    assert "<bdi>Dev Shah</bdi> is changing \u2018<bdi>Break</bdi>\u2019." in body
    assert "<bdi>Dev Shah</bdi> is changing this now." in body
    # Nobody is told about themselves.
    assert "Alex Rivera is" not in body


def test_a_new_idea_from_a_member_shows_up_live(client_as, training):
    alex = client_as("co_trainer")
    alex.get(f"/agendas/session/{training.id}")
    quiet = alex.get(_live(training.id))
    assert "No new ideas from members." in quiet.get_data(as_text=True)
    client_as("member").post_form(
        f"/agendas/session/{training.id}/suggest", {"title": "Buses to the centre"}
    )
    fresh = alex.get(_live(training.id), headers={"If-None-Match": quiet.headers["ETag"]})
    assert fresh.status_code == 200
    body = fresh.get_data(as_text=True)
    assert "Sam Jones wants to talk about Buses to the centre." in body
    assert 'data-keep="agenda-answer-' in body  # a reply being typed is kept in the browser


def test_an_idea_answered_by_someone_else_goes_away_live(
    app, client_as, client_for, training, other_trainer
):
    client_as("member").post_form(f"/agendas/session/{training.id}/suggest", {"title": "Buses"})
    alex = client_as("co_trainer")
    alex.get(f"/agendas/session/{training.id}")
    before = alex.get(_live(training.id))
    assert "wants to talk about Buses." in before.get_data(as_text=True)
    with app.app_context():
        from portal.agendas.models import AgendaSuggestion
        from portal.extensions import db

        suggestion_id = db.session.scalar(db.select(AgendaSuggestion.id))
    client_for(other_trainer).post_form(
        f"/agendas/session/{training.id}/suggestions/{suggestion_id}",
        {"accept": "0", "reply": "Maybe next time."},
    )
    after = alex.get(_live(training.id), headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert "No new ideas from members." in after.get_data(as_text=True)


def test_the_editor_works_when_redis_stops_answering(app, client_as, training, caplog):
    create_agenda_item(training.id, title="Break", kind="break")
    app.config["AGENDA_REDIS_URL"] = "redis://:secret-password@127.0.0.1:1/0"  # nothing listens
    try:
        alex = client_as("co_trainer")
        page = alex.get(f"/agendas/session/{training.id}")
        assert page.status_code == 200 and "Break" in page.get_data(as_text=True)
        live = alex.get(_live(training.id))
        assert live.status_code == 200
        assert "Nobody else is here now." in live.get_data(as_text=True)
    finally:
        app.config.pop("AGENDA_REDIS_URL")
    assert "Redis did not answer" in caplog.text
    assert "secret-password" not in caplog.text
