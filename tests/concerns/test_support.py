"""Supporting a concern: one tap on, one tap off, at most once, without losing a support."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from portal.concerns.models import Concern, Support
from portal.extensions import db
from tests.conftest import htmx_headers
from tests.factories import PASSWORD, create_user, fetch


def _supports(app, concern_id: int) -> tuple[int, int]:
    """(rows in the support table, the count kept on the concern)."""
    with app.app_context():
        rows = db.session.scalar(
            sa.select(sa.func.count()).select_from(Support).where(Support.concern_id == concern_id)
        )
        return rows, db.session.get(Concern, concern_id).support_count


def test_author_supports_own_concern(app, concern, other_member):
    assert _supports(app, concern.id) == (1, 1)
    with app.app_context():
        assert db.session.get(Support, (concern.id, other_member.id)) is not None


def test_support_without_javascript_redirects_back_with_words(app, client_as, concern):
    client = client_as("member")
    response = client.post_form(
        f"/concerns/{concern.id}/support",
        {"supported": "1", "next": f"/concerns/boards/{concern.board_id}"},
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/concerns/boards/{concern.board_id}")
    assert "HX-Request" in response.headers["Vary"]
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "You support this. Tap again to take your support back." in page
    assert 'aria-pressed="true"' in page
    assert "2 people support this" in page
    assert _supports(app, concern.id) == (2, 2)


def test_support_with_htmx_returns_the_box_only(app, client_as, concern):
    client = client_as("member")
    response = client.post_form(
        f"/concerns/{concern.id}/support", {"supported": "1"}, headers=htmx_headers()
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in text
    assert f'id="support-{concern.id}"' in text
    assert 'aria-pressed="true"' in text and "2 people support this" in text
    assert "HX-Request" in response.headers["Vary"]
    response = client.post_form(
        f"/concerns/{concern.id}/support", {"supported": "0"}, headers=htmx_headers()
    )
    text = response.get_data(as_text=True)
    assert 'aria-pressed="false"' in text and "1 person supports this" in text
    assert "You took your support back" in text
    assert _supports(app, concern.id) == (1, 1)


def test_double_tap_is_harmless(app, client_as, concern):
    client = client_as("member")
    for _ in range(3):
        client.post_form(f"/concerns/{concern.id}/support", {"supported": "1"})
    assert _supports(app, concern.id) == (2, 2)
    for _ in range(3):
        client.post_form(f"/concerns/{concern.id}/support", {"supported": "0"})
    assert _supports(app, concern.id) == (1, 1)


def test_database_refuses_a_second_support(app, concern, other_member):
    with app.app_context():
        db.session.add(Support(concern_id=concern.id, user_id=other_member.id))
        try:
            db.session.flush()
        except sa.exc.IntegrityError:
            db.session.rollback()
        else:  # pragma: no cover - the constraint is missing
            raise AssertionError("a second support was stored")


def test_people_picture_groups_large_numbers(app):
    with app.test_request_context():
        from flask import get_template_attribute

        people = get_template_attribute("concerns/_support.html", "people_picture")
        html = str(people(234))
    assert html.count('class="people-100"') == 2
    assert html.count('class="people-10"') == 3
    assert html.count('class="people-1"') == 4
    assert 'aria-hidden="true"' in html


def test_concurrent_supports_from_many_people_and_phones(app, concern):
    """Eight people, each on two phones, tap at the same moment: 8 supports, count 9."""
    people = [create_user("member") for _ in range(8)]
    clients = []
    for number, person in enumerate(people):
        for phone in range(2):
            client = app.test_client()
            # Each phone has its own address, as real phones do (sign-in is limited per address).
            client.environ_base["REMOTE_ADDR"] = f"10.0.{number}.{phone + 1}"
            client.sign_in_as(person, PASSWORD)
            clients.append((client, client.csrf_token()))
    barrier = threading.Barrier(len(clients))
    failures = []

    def tap(client, token):
        barrier.wait()
        response = client.post(
            f"/concerns/{concern.id}/support", data={"supported": "1", "csrf_token": token}
        )
        if response.status_code != 302:
            failures.append(response.status_code)

    threads = [threading.Thread(target=tap, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert _supports(app, concern.id) == (9, 9)

    # And all take it back at once: nobody is lost or counted twice.
    barrier = threading.Barrier(len(clients))

    def untap(client, token):
        barrier.wait()
        client.post(f"/concerns/{concern.id}/support", data={"supported": "0", "csrf_token": token})

    threads = [threading.Thread(target=untap, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _supports(app, concern.id) == (1, 1)
    assert fetch(Concern, concern.id).support_count == 1


def test_cannot_support_what_you_cannot_see(app, client_as, board, users_by_role):
    from tests.factories import create_concern

    waiting = create_concern(board.id, users_by_role["staff"].id, "Waiting", review="waiting")
    response = client_as("member").post_form(f"/concerns/{waiting.id}/support", {"supported": "1"})
    assert response.status_code == 404
    assert _supports(app, waiting.id) == (1, 1)
