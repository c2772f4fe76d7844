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


# --- Staff stopped this member posting: supporting stops too ---------------------------------
STOPPED = "Staff stopped you posting for now. Why: You wrote unkind things."
NO_SUPPORT = "You cannot support a concern for now."


def _stop_posting(client_as, person) -> None:
    response = client_as("staff").post_form(
        f"/moderation/people/{person.id}/posting", {"reason": "You wrote unkind things."}
    )
    assert response.status_code == 302


def test_a_stopped_member_cannot_support_and_is_told_why(app, client_as, concern, users_by_role):
    _stop_posting(client_as, users_by_role["member"])
    client = client_as("member")
    plain = client.post_form(
        f"/concerns/{concern.id}/support",
        {"supported": "1", "next": f"/concerns/boards/{concern.board_id}"},
    )
    assert plain.status_code == 302
    assert plain.location.endswith(f"/concerns/{concern.id}")
    assert "HX-Request" in plain.headers["Vary"]
    page = client.get(plain.location).get_data(as_text=True)
    assert f"{STOPPED} {NO_SUPPORT}" in page  # the flash, and the support box says it too
    assert _supports(app, concern.id) == (1, 1)

    fragment = client.post_form(
        f"/concerns/{concern.id}/support", {"supported": "1"}, headers=htmx_headers()
    )
    text = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "HX-Request" in fragment.headers["Vary"]
    assert "<html" not in text and text.lstrip().startswith(
        f'<div class="support" id="support-{concern.id}"'
    )
    assert f"{STOPPED} {NO_SUPPORT}" in text and 'role="status"' in text
    assert "<form" not in text and "support-button" not in text
    assert "1 person supports this" in text
    assert _supports(app, concern.id) == (1, 1)


def test_support_given_before_stays_and_cannot_be_changed_while_stopped(
    app, client_as, concern, users_by_role
):
    client = client_as("member")
    client.post_form(f"/concerns/{concern.id}/support", {"supported": "1"})
    _stop_posting(client_as, users_by_role["member"])
    assert _supports(app, concern.id) == (2, 2)
    for headers in ({}, htmx_headers()):
        client.post_form(f"/concerns/{concern.id}/support", {"supported": "0"}, headers=headers)
        assert _supports(app, concern.id) == (2, 2)
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "2 people support this" in page and "You support this." in page
    assert NO_SUPPORT in page


def test_concern_page_and_board_offer_no_support_button_while_stopped(
    client_as, concern, users_by_role
):
    client = client_as("member")
    board_url = f"/concerns/boards/{concern.board_id}"
    button = f'id="support-button-{concern.id}"'
    assert button in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert button in client.get(board_url).get_data(as_text=True)
    _stop_posting(client_as, users_by_role["member"])

    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert button not in page and f"{STOPPED} {NO_SUPPORT}" in page
    assert "Tap the button to support it." not in page
    board = client.get(board_url).get_data(as_text=True)
    assert button not in board and NO_SUPPORT in board
    assert STOPPED in board  # once, at the top, with the reason
    assert board.count("You wrote unkind things.") == 1
    listed = client.get(board_url + "?sort=newest", headers=htmx_headers()).get_data(as_text=True)
    assert "<html" not in listed and button not in listed and NO_SUPPORT in listed

    # Other people still get the button; and when staff allow posting again, so does this member.
    assert button in client_as("co_trainer").get(board_url).get_data(as_text=True)
    client_as("staff").post_form(
        f"/moderation/people/{users_by_role['member'].id}/posting", {"allow": "1"}
    )
    assert button in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    client.post_form(f"/concerns/{concern.id}/support", {"supported": "1"})
    assert "2 people support this" in client.get(board_url).get_data(as_text=True)


def test_support_on_a_locked_concern_with_htmx_answers_with_the_box(app, client_as, concern):
    """htmx swaps what it gets into the box: a refusal is the box saying why, never a page."""
    client_as("staff").post_form(f"/moderation/concerns/{concern.id}/act", {"action": "lock"})
    response = client_as("member").post_form(
        f"/concerns/{concern.id}/support", {"supported": "1"}, headers=htmx_headers()
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in text
    assert "Staff locked this concern. Nobody can support it or reply now." in text
    assert "<form" not in text
    assert _supports(app, concern.id) == (1, 1)
