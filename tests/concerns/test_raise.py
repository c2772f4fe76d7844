"""Raising a concern: one step at a time, answers saved on the server, similar concerns, thanks."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.concerns.models import Concern, ConcernDraft, Review
from portal.extensions import db
from tests.factories import create_board, create_concern, fetch


def _step(board_id: int, step: int) -> str:
    return f"/concerns/boards/{board_id}/raise?step={step}"


def _draft(app, user_id: int) -> ConcernDraft | None:
    with app.app_context():
        draft = db.session.scalar(sa.select(ConcernDraft).where(ConcernDraft.user_id == user_id))
        if draft:
            db.session.expunge(draft)
        return draft


def _concerns(app, board_id: int) -> list[Concern]:
    with app.app_context():
        found = list(db.session.scalars(sa.select(Concern).where(Concern.board_id == board_id)))
        for concern in found:
            db.session.expunge(concern)
        return found


def test_whole_flow_back_keeps_answers_and_thanks(app, client_as, board, member):
    client = client_as("member")
    page = client.get(_step(board.id, 1)).get_data(as_text=True)
    assert "Step 1 of 5" in page and "What is the problem?" in page
    response = client.post_form(
        _step(board.id, 1), {"title": "No ramp at the library", "go": "next"}
    )
    assert response.location.endswith(_step(board.id, 2))
    client.post_form(_step(board.id, 2), {"details": "I cannot get in.", "go": "next"})
    # Back from step 3 keeps what was typed there, and step 2 still shows its answer.
    response = client.post_form(_step(board.id, 3), {"place": "Main library", "go": "back"})
    assert response.location.endswith(_step(board.id, 2))
    assert "I cannot get in." in client.get(_step(board.id, 2)).get_data(as_text=True)
    assert 'value="Main library"' in client.get(_step(board.id, 3)).get_data(as_text=True)
    client.post_form(_step(board.id, 3), {"place": "Main library", "go": "next"})
    page = client.get(_step(board.id, 4)).get_data(as_text=True)
    assert "Pick a picture" in page and "Step 4 of 5" in page
    client.post_form(_step(board.id, 4), {"picture": "access", "go": "next"})
    check = client.get(_step(board.id, 5)).get_data(as_text=True)
    assert "Check your concern" in check and "No ramp at the library" in check
    assert "A wheelchair" in check
    response = client.post_form(f"/concerns/boards/{board.id}/raise/post", {})
    assert response.status_code == 302
    [concern] = _concerns(app, board.id)
    assert (concern.title, concern.details, concern.place, concern.picture) == (
        "No ramp at the library",
        "I cannot get in.",
        "Main library",
        "access",
    )
    assert concern.support_count == 1 and concern.review == Review.SHOWN
    assert response.location.endswith(f"/concerns/{concern.id}/thank-you")
    thanks = client.get(response.location).get_data(as_text=True)
    assert "Thank you. Your concern is on the board." in thanks
    assert "What happens next" in thanks
    assert _draft(app, member.id) is None  # the draft is used up


def test_answers_come_back_in_a_new_session(app, client_as, board, member):
    client_as("member").post_form(
        _step(board.id, 1), {"title": "Street lights are off", "go": "next"}
    )
    # Another phone, or the same one after the session ended: the draft is on the server.
    page = client_as("member").get(_step(board.id, 1)).get_data(as_text=True)
    assert 'value="Street lights are off"' in page


def test_later_steps_need_a_title_first(client_as, board):
    response = client_as("member").get(_step(board.id, 3))
    assert response.location.endswith(_step(board.id, 1))


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "Type the problem in a few words."),
        ("     ", "Type the problem in a few words."),
        ("x" * 121, "This is too long. Use 120 letters or fewer."),
        ("😡😡😡 🚌", "Use some words, not only pictures or marks."),
        ("!!! ...", "Use some words, not only pictures or marks."),
    ],
    ids=["empty", "spaces", "too-long", "emoji", "marks"],
)
def test_bad_titles_get_a_clear_message_and_keep_the_text(client_as, board, title, message):
    response = client_as("member").post_form(_step(board.id, 1), {"title": title, "go": "next"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert 'aria-invalid="true"' in page
    if title.strip():
        assert f'value="{title.strip()}"' in page


def test_html_and_right_to_left_text_are_shown_as_text(app, client_as, board):
    client = client_as("member")
    title = "<script>alert(1)</script> שלום café"
    client.post_form(_step(board.id, 1), {"title": title, "go": "next"})
    client.post_form(_step(board.id, 2), {"details": "<img src=x onerror=alert(1)>", "go": "next"})
    client.post_form(f"/concerns/boards/{board.id}/raise/post", {})
    [concern] = _concerns(app, board.id)
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; שלום café" in page
    assert "<script>alert" not in page and "<img src=x" not in page


def test_similar_concerns_are_offered(client_as, board, other_member):
    create_concern(board.id, other_member.id, "The number 5 bus is always late")
    create_concern(board.id, other_member.id, "Bus drivers do not wait")
    create_concern(board.id, other_member.id, "No benches in the park")
    waiting = create_concern(board.id, other_member.id, "Late bus again", review="waiting")
    client = client_as("member")
    client.post_form(_step(board.id, 1), {"title": "The bus is late", "go": "next"})
    page = client.get(_step(board.id, 5)).get_data(as_text=True)
    assert "Is it one of these?" in page
    assert page.index("The number 5 bus is always late") < page.index("Bus drivers do not wait")
    assert "No benches" not in page
    assert waiting.title not in page  # held back: not offered to others
    assert "I support this" in page


def test_check_first_board_holds_the_concern_back(app, client_as, other_member):
    board = create_board("Staying safe", picture="safe", check_first=True)
    client = client_as("member")
    client.post_form(_step(board.id, 1), {"title": "Someone shouts at me", "go": "next"})
    response = client.post_form(f"/concerns/boards/{board.id}/raise/post", {})
    [concern] = _concerns(app, board.id)
    assert concern.review == Review.WAITING
    thanks = client.get(response.location).get_data(as_text=True)
    assert "Staff check new concerns on this board first." in thanks
    own = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Only you and staff can see this now." in own
    assert "Someone shouts at me" in client.get(f"/concerns/boards/{board.id}").get_data(
        as_text=True
    )
    # Other members cannot see it, by list or by address; staff can.
    other = client_as(None)
    other.sign_in_as(other_member)
    assert "Someone shouts at me" not in other.get(f"/concerns/boards/{board.id}").get_data(
        as_text=True
    )
    assert other.get(f"/concerns/{concern.id}").status_code == 404
    assert client_as("staff").get(f"/concerns/{concern.id}").status_code == 200


def test_stop_deletes_the_answers(app, client_as, board, member):
    client = client_as("member")
    client.post_form(_step(board.id, 1), {"title": "Too much noise", "go": "next"})
    assert _draft(app, member.id) is not None
    client.post_form(f"/concerns/boards/{board.id}/raise/stop", {})
    assert _draft(app, member.id) is None
    assert _concerns(app, board.id) == []


def test_posting_is_rate_limited_with_an_easy_read_message(app, client_as, board, member):
    app.config["CONCERN_RATE_LIMIT"] = "2 per hour"
    try:
        client = client_as("member")
        for number in range(2):
            client.post_form(_step(board.id, 1), {"title": f"Problem {number}", "go": "next"})
            assert (
                client.post_form(f"/concerns/boards/{board.id}/raise/post", {}).status_code == 302
            )
        client.post_form(_step(board.id, 1), {"title": "Problem three", "go": "next"})
        response = client.post_form(f"/concerns/boards/{board.id}/raise/post", {})
        page = response.get_data(as_text=True)
        assert response.status_code == 429
        assert "We saved your answers." in page
        # The check page again, with the answers and why they are not on the board yet.
        assert "You raised a lot of concerns in a short time." in page
        assert "Check your concern" in page and "Problem three" in page
        assert "Put it on the board" in page  # to try again after a while
        assert _draft(app, member.id).title == "Problem three"
        assert len(_concerns(app, board.id)) == 2
    finally:
        app.config["CONCERN_RATE_LIMIT"] = "5 per hour; 20 per day"


def test_a_second_tap_on_put_it_on_the_board_does_not_count(app, client_as, board, member):
    """The second tap finds nothing left to post and lands on the first step: not a post."""
    app.config["CONCERN_RATE_LIMIT"] = "2 per hour"
    try:
        client = client_as("member")
        client.post_form(_step(board.id, 1), {"title": "Problem one", "go": "next"})
        for _tap in range(3):
            assert (
                client.post_form(f"/concerns/boards/{board.id}/raise/post", {}).status_code == 302
            )
        client.post_form(_step(board.id, 1), {"title": "Problem two", "go": "next"})
        assert client.post_form(f"/concerns/boards/{board.id}/raise/post", {}).status_code == 302
        assert len(_concerns(app, board.id)) == 2
        # The limit still counts the two that were posted.
        client.post_form(_step(board.id, 1), {"title": "Problem three", "go": "next"})
        assert client.post_form(f"/concerns/boards/{board.id}/raise/post", {}).status_code == 429
    finally:
        app.config["CONCERN_RATE_LIMIT"] = "5 per hour; 20 per day"


def test_thank_you_is_only_for_the_author(client_as, concern):
    assert client_as("member").get(f"/concerns/{concern.id}/thank-you").status_code == 404


def test_archived_board_takes_no_new_concerns(client_as):
    board = create_board("Old", archived=True)
    assert client_as("staff").get(_step(board.id, 1)).status_code == 404
    assert fetch(type(board), board.id).archived_at is not None


def test_a_form_sent_again_without_its_address_lands_on_its_step(app, client_as, board, member):
    """The "send it again" page keeps the fields but not the ?step= part of the address."""
    client = client_as("member")
    client.post_form(_step(board.id, 1), {"title": "Lifts are broken", "go": "next"})
    url = f"/concerns/boards/{board.id}/raise"
    response = client.post_form(url, {"step": "3", "place": "Tower block", "go": "next"})
    assert response.location.endswith(_step(board.id, 4))
    draft = _draft(app, member.id)
    assert (draft.title, draft.place) == ("Lifts are broken", "Tower block")
    # A post with no box for its step changes nothing.
    client.post_form(url, {"step": "1", "go": "next"})
    assert _draft(app, member.id).title == "Lifts are broken"


def test_no_picture_picked_says_so(client_as, board):
    client = client_as("member")
    client.post_form(_step(board.id, 1), {"title": "Lifts are broken", "go": "next"})
    response = client.post_form(_step(board.id, 4), {"go": "next"})
    assert response.status_code == 422
    assert "Pick a picture." in response.get_data(as_text=True)
