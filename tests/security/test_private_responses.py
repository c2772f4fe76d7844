"""Nothing personal stays in a cache: every response but our static files says no-store.

Pages, CSV exports (names and help needs: health data), calendar files, JSON and QR codes are
served to a signed-in person or carry someone's details, whatever their type.
"""

from __future__ import annotations

import pytest

from tests.factories import book, create_session


def _no_store(response) -> bool:
    return response.status_code < 400 and response.cache_control.no_store


def test_a_signed_in_page_is_not_stored(client_as):
    assert _no_store(client_as("member").get("/sessions/mine"))


def test_the_card_page_with_its_qr_code_is_not_stored(client_as, users_by_role):
    page = client_as("staff").post_form(f"/people/{users_by_role['member'].id}/cards")
    assert "login-card-qr" in page.get_data(as_text=True)
    assert _no_store(page)


@pytest.mark.parametrize("path", ["/sessions/{id}/people.csv", "/moderation/log.csv"])
def test_csv_exports_are_not_stored(client_as, users_by_role, path):
    session = create_session()
    book(session.id, users_by_role["member"].id, help_needs=["quiet_space"])
    response = client_as("staff").get(path.format(id=session.id))
    assert response.mimetype == "text/csv"
    assert _no_store(response)


def test_calendar_files_and_the_private_feed_are_not_stored(client_as, users_by_role):
    session = create_session()
    book(session.id, users_by_role["member"].id)
    member = client_as("member")
    one = member.get(f"/sessions/{session.id}/calendar.ics")
    assert one.mimetype == "text/calendar" and _no_store(one)
    page = member.get("/sessions/mine").get_data(as_text=True)
    feed_path = page.split('id="feed-url"', 1)[1].split('value="http://localhost', 1)[1]
    feed = member.get(feed_path.split('"', 1)[0])
    assert feed.mimetype == "text/calendar" and _no_store(feed)


def test_json_for_a_signed_in_person_is_not_stored(client_as):
    member = client_as("member")
    response = member.post(
        "/my-sign-in/passkeys/options", headers={"X-CSRFToken": member.csrf_token()}
    )
    assert response.mimetype == "application/json"
    assert _no_store(response)


def test_the_live_agenda_is_not_stored_and_still_answers_304(client_as, users_by_role):
    session = create_session(trainers=[users_by_role["co_trainer"]])
    alex = client_as("co_trainer")
    alex.get(f"/agendas/session/{session.id}")
    first = alex.get(f"/agendas/session/{session.id}/live")
    assert _no_store(first)
    again = alex.get(
        f"/agendas/session/{session.id}/live", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.cache_control.no_store


def test_a_view_may_add_private_but_never_drops_no_store(app):
    from flask import Response

    from portal.security import keep_out_of_caches

    with app.test_request_context("/sessions/mine"):
        own = Response("x", headers={"Cache-Control": "private, no-store"})
        keep_out_of_caches(own)
        assert own.headers["Cache-Control"] == "private, no-store"
        cached = Response("x", headers={"Cache-Control": "public, max-age=3600"})
        keep_out_of_caches(cached)
        assert cached.headers["Cache-Control"] == "no-store"


def test_static_files_keep_their_caching(client):
    with client.get("/static/pictures/together.svg") as response:
        assert response.status_code == 200
        assert not response.cache_control.no_store
