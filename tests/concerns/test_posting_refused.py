"""When a post is refused, nobody loses what they typed, and the page says why.

Staff stopped the member posting, a concern is locked or merged, or too many replies or
concerns in a short time. A member who cannot post is not offered the form: the reason is there
instead, in the same words on every page.
"""

from __future__ import annotations

import sqlalchemy as sa

from portal.concerns.models import Concern, ConcernDraft, ConcernUpdate, Reply, Status
from portal.extensions import db
from tests import factories
from tests.conftest import htmx_headers
from tests.factories import create_concern, create_reply, fetch

STOPPED = "Staff stopped you posting for now. Why: You wrote unkind things."
NOTE = (
    f"{STOPPED} You cannot raise, support or reply to concerns for now. "
    "You can still read everything. You can talk to staff about it."
)
LOCKED = "Staff locked this concern. Nobody can support it or reply now."
KEPT = "What you wrote. We did not send it."
SAVED_FOR_LATER = "We saved your answers. They will be here when staff let you post again."


def _stop_posting(client_as, person) -> None:
    response = client_as("staff").post_form(
        f"/moderation/people/{person.id}/posting", {"reason": "You wrote unkind things."}
    )
    assert response.status_code == 302


def _allow_posting(client_as, person) -> None:
    client_as("staff").post_form(f"/moderation/people/{person.id}/posting", {"allow": "1"})


def _reply_words(concern_id: int) -> list[str]:
    with factories.APP.app_context():
        return list(
            db.session.scalars(sa.select(Reply.words).where(Reply.concern_id == concern_id))
        )


def _kept(words: str) -> str:
    """The read-only box that gives back words that were not sent."""
    return f'readonly dir="auto" aria-describedby="kept-words-hint">{words}</textarea>'


def _reply_form(concern_id: int) -> str:
    return f'action="/concerns/{concern_id}/replies#replies"'


# --- Replies ----------------------------------------------------------------------------------
def test_a_stopped_member_is_not_offered_the_reply_form(client_as, concern, users_by_role):
    client = client_as("member")
    assert _reply_form(concern.id) in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    _stop_posting(client_as, users_by_role["member"])
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    replies = page[page.index('id="replies"') :]
    assert _reply_form(concern.id) not in page and "Add my reply" not in page
    assert NOTE in replies
    assert KEPT not in page  # nothing was typed, so there is nothing to give back
    _allow_posting(client_as, users_by_role["member"])
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert _reply_form(concern.id) in page and STOPPED not in page


def test_a_reply_sent_while_stopped_comes_back_with_the_reason(client_as, concern, users_by_role):
    """An old tab still has the form: the words come back, with why, and nothing is added."""
    client = client_as("member")
    _stop_posting(client_as, users_by_role["member"])
    response = client.post_form(
        f"/concerns/{concern.id}/replies", {"words": "The 42 bus never comes on time."}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "<html" in page and NOTE in page
    assert KEPT in page and _kept("The 42 bus never comes on time.") in page
    assert _reply_form(concern.id) not in page
    assert _reply_words(concern.id) == []


def test_a_reply_to_a_locked_concern_comes_back_with_the_reason(client_as, concern):
    client_as("staff").post_form(f"/moderation/concerns/{concern.id}/act", {"action": "lock"})
    client = client_as("member")
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert _reply_form(concern.id) not in page and KEPT not in page
    response = client.post_form(f"/concerns/{concern.id}/replies", {"words": "Me too, often."})
    page = response.get_data(as_text=True)
    replies = page[page.index('id="replies"') :]
    assert response.status_code == 403
    assert LOCKED in replies and _kept("Me too, often.") in replies
    assert _reply_form(concern.id) not in page
    assert _reply_words(concern.id) == []


def test_a_reply_to_a_merged_concern_is_offered_on_the_one_kept(
    client_as, board, concern, other_member
):
    kept = create_concern(board.id, other_member.id, "Buses are late")
    staff = client_as("staff")
    staff.post_form(f"/moderation/concerns/{concern.id}/merge", {"keep_id": kept.id})
    assert fetch(Concern, concern.id).merged_into_id == kept.id
    client = client_as("member")
    response = client.post_form(f"/concerns/{concern.id}/replies", {"words": "It was late today."})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Buses are late" in page and _reply_form(kept.id) in page
    assert "This concern is now part of another one. This is that one." in page
    assert "Your reply is in the box. You can send it here." in page
    assert "\nIt was late today.</textarea>" in page  # in the form, ready to send
    assert _reply_words(concern.id) == [] and _reply_words(kept.id) == []
    client.post_form(f"/concerns/{kept.id}/replies", {"words": "It was late today."})
    assert _reply_words(kept.id) == ["It was late today."]


def test_too_many_replies_keep_the_words_in_the_form(app, client_as, concern):
    app.config["REPLY_RATE_LIMIT"] = "1 per minute"
    try:
        client = client_as("member")
        client.post_form(f"/concerns/{concern.id}/replies", {"words": "Me too."})
        response = client.post_form(f"/concerns/{concern.id}/replies", {"words": "And again!"})
        page = response.get_data(as_text=True)
        assert response.status_code == 429
        assert "<html" in page and "The bus is often late" in page
        assert "You wrote a lot of replies in a short time." in page
        assert "Please wait a while. Then try again." in page
        assert _reply_form(concern.id) in page and "\nAnd again!</textarea>" in page
        assert 'aria-invalid="true"' in page  # the reason is tied to the box
        assert _reply_words(concern.id) == ["Me too."]
    finally:
        app.config["REPLY_RATE_LIMIT"] = "10 per 10 minutes; 60 per day"


# --- Changing a reply -------------------------------------------------------------------------
def test_a_stopped_member_cannot_change_a_reply_and_keeps_what_they_typed(
    client_as, concern, users_by_role
):
    member = users_by_role["member"]
    reply = create_reply(concern.id, member.id, "Me too.")
    client = client_as("member")
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Change my reply" in page
    _stop_posting(client_as, member)

    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Change my reply" not in page
    assert "Delete my reply" in page  # taking your own words away is always allowed
    asked = client.get(f"/concerns/replies/{reply.id}/change")
    assert asked.status_code == 302 and asked.location.endswith(f"/concerns/{concern.id}#replies")
    assert STOPPED in client.get(asked.location).get_data(as_text=True)

    sent = client.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Me too, daily."})
    page = sent.get_data(as_text=True)
    assert sent.status_code == 403
    assert NOTE in page and "Your reply stays as it was." in page
    assert _kept("Me too, daily.") in page and "Save my reply" not in page
    assert fetch(Reply, reply.id).words == "Me too." and fetch(Reply, reply.id).edited_at is None

    _allow_posting(client_as, member)
    client.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Me too, daily."})
    assert fetch(Reply, reply.id).words == "Me too, daily."


def test_a_stopped_member_can_still_delete_their_reply(client_as, concern, users_by_role):
    reply = create_reply(concern.id, users_by_role["member"].id, "Me too.")
    _stop_posting(client_as, users_by_role["member"])
    client = client_as("member")
    assert client.post_form(f"/concerns/replies/{reply.id}/delete", {}).status_code == 302
    assert fetch(Reply, reply.id) is None


def test_a_reply_on_a_locked_concern_cannot_change(client_as, concern, users_by_role):
    reply = create_reply(concern.id, users_by_role["member"].id, "Me too.")
    client_as("staff").post_form(f"/moderation/concerns/{concern.id}/act", {"action": "lock"})
    client = client_as("member")
    assert "Change my reply" not in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    sent = client.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Changed"})
    page = sent.get_data(as_text=True)
    assert sent.status_code == 403 and LOCKED in page and _kept("Changed") in page
    assert fetch(Reply, reply.id).words == "Me too."


def test_a_bad_change_keeps_the_words_with_422(client_as, concern, users_by_role):
    reply = create_reply(concern.id, users_by_role["member"].id, "Me too.")
    sent = client_as("member").post_form(f"/concerns/replies/{reply.id}/change", {"words": "🙂"})
    assert sent.status_code == 422 and "not only pictures" in sent.get_data(as_text=True)
    assert fetch(Reply, reply.id).words == "Me too."


# --- Status updates (staff and co-trainers) ---------------------------------------------------
def _update_count(concern_id: int) -> int:
    with factories.APP.app_context():
        return db.session.scalar(
            sa.select(sa.func.count())
            .select_from(ConcernUpdate)
            .where(ConcernUpdate.concern_id == concern_id)
        )


def test_a_stopped_co_trainer_is_not_offered_the_update_form(client_as, concern, users_by_role):
    update_form = f'action="/concerns/{concern.id}/updates"'
    client = client_as("co_trainer")
    assert update_form in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    _stop_posting(client_as, users_by_role["co_trainer"])

    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    section = page[page.index('id="new-update-heading"') : page.index('id="replies"')]
    assert update_form not in page and "Send the update" not in page
    assert f"{STOPPED} You cannot give an update on a concern for now." in section
    assert "We did not send it." not in section  # nothing was typed, nothing to give back
    _allow_posting(client_as, users_by_role["co_trainer"])
    assert update_form in client.get(f"/concerns/{concern.id}").get_data(as_text=True)


def test_an_update_sent_while_stopped_comes_back_with_the_reason(client_as, concern, users_by_role):
    """An old tab still has the form: nothing is sent or changed, and the words come back."""
    co_trainer = users_by_role["co_trainer"]
    client = client_as("co_trainer")
    _stop_posting(client_as, co_trainer)
    words = {"status": "closed", "words": "We are closing it.", "closed_reason": "It is fixed."}
    response = client.post_form(f"/concerns/{concern.id}/updates", words)
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and "<html" in page
    assert f"{STOPPED} You cannot give an update on a concern for now." in page
    assert 'aria-describedby="kept-update-words-hint">We are closing it.</textarea>' in page
    assert "Why it is closed. We did not send it." in page
    assert 'aria-describedby="kept-update-reason-hint">It is fixed.</textarea>' in page
    assert "Send the update" not in page
    assert fetch(Concern, concern.id).status == Status.NEW and _update_count(concern.id) == 0

    _allow_posting(client_as, co_trainer)
    assert client.post_form(f"/concerns/{concern.id}/updates", words).status_code == 302
    assert fetch(Concern, concern.id).status == Status.CLOSED and _update_count(concern.id) == 1


def test_a_welsh_co_trainer_reads_why_in_welsh(client_as, client, concern):
    dev = factories.create_user("co_trainer", username="dev", language="cy")
    _stop_posting(client_as, dev)
    client.sign_in_as(dev)
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Allwch chi ddim rhoi&#39;r newyddion diweddaraf am bryder am nawr." in page
    assert "You cannot give an update" not in page


# --- The board and raising a concern ----------------------------------------------------------
def test_the_board_shows_the_reason_instead_of_raise_a_concern(client_as, board, users_by_role):
    raise_link = f'href="/concerns/boards/{board.id}/raise"'
    client = client_as("member")
    page = client.get(f"/concerns/boards/{board.id}").get_data(as_text=True)
    assert raise_link in page and "No concerns here yet. You can raise one." in page
    _stop_posting(client_as, users_by_role["member"])

    page = client.get(f"/concerns/boards/{board.id}").get_data(as_text=True)
    assert raise_link not in page and "Raise a concern" not in page
    assert NOTE in page and page.count("You wrote unkind things.") == 1
    assert "No concerns here yet." in page and "You can raise one." not in page
    assert NOTE in client.get("/concerns/mine").get_data(as_text=True)
    # Others still get the button.
    assert raise_link in client_as("co_trainer").get(f"/concerns/boards/{board.id}").get_data(
        as_text=True
    )


def test_the_list_of_boards_says_why_instead_of_offering_to_raise(client_as, board, users_by_role):
    offer = "You can see concerns, support them, or raise your own."
    client = client_as("member")
    page = client.get("/concerns").get_data(as_text=True)
    assert offer in page and STOPPED not in page
    _stop_posting(client_as, users_by_role["member"])

    page = client.get("/concerns").get_data(as_text=True)
    assert offer not in page and "raise your own" not in page
    assert "Pick a board to read the concerns on it." in page
    assert NOTE in page and page.count("You wrote unkind things.") == 1
    assert f'href="/concerns/boards/{board.id}"' in page  # they can still read every board
    assert offer in client_as("co_trainer").get("/concerns").get_data(as_text=True)


def _draft(user_id: int) -> ConcernDraft | None:
    with factories.APP.app_context():
        draft = db.session.scalar(sa.select(ConcernDraft).where(ConcernDraft.user_id == user_id))
        if draft:
            db.session.expunge(draft)
        return draft


def test_a_step_sent_while_stopped_is_saved_and_shown_with_the_reason(
    client_as, board, users_by_role
):
    member = users_by_role["member"]
    client = client_as("member")
    step = f"/concerns/boards/{board.id}/raise?step="
    client.post_form(step + "1", {"title": "The lift is broken", "go": "next"})
    _stop_posting(client_as, member)
    # Plain, and boosted by htmx (which gets the whole page and shows it, also for a 403).
    for headers in ({}, htmx_headers(**{"HX-Boosted": "true"})):
        response = client.post_form(
            step + "2", {"step": "2", "details": "Since Monday.", "go": "next"}, headers=headers
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 403 and "<html" in page
        assert NOTE in page and SAVED_FOR_LATER in page
        assert _kept("Since Monday.") in page and "Your answer" in page
        assert 'name="go"' not in page  # no Next or Back that would only be refused
    draft = _draft(member.id)
    assert (draft.title, draft.details) == ("The lift is broken", "Since Monday.")
    # Opening the steps again goes to the board, which says why.
    opened = client.get(step + "1")
    assert opened.status_code == 302 and opened.location.endswith(f"/concerns/boards/{board.id}")


def test_putting_it_on_the_board_while_stopped_shows_the_answers_and_why(
    client_as, board, users_by_role
):
    member = users_by_role["member"]
    client = client_as("member")
    client.post_form(
        f"/concerns/boards/{board.id}/raise?step=1", {"title": "The lift is broken", "go": "next"}
    )
    _stop_posting(client_as, member)
    response = client.post_form(f"/concerns/boards/{board.id}/raise/post", {})
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert NOTE in page and SAVED_FOR_LATER in page and "The lift is broken" in page
    assert "Put it on the board" not in page and "Change the problem" not in page
    with factories.APP.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Concern)) == 0
    assert _draft(member.id).title == "The lift is broken"

    _allow_posting(client_as, member)
    posted = client.post_form(f"/concerns/boards/{board.id}/raise/post", {})
    assert posted.status_code == 302 and _draft(member.id) is None


def test_similar_concerns_on_the_check_page_offer_no_support_while_stopped(
    client_as, board, concern, users_by_role
):
    client = client_as("member")
    client.post_form(
        f"/concerns/boards/{board.id}/raise?step=1", {"title": "The bus is late", "go": "next"}
    )
    _stop_posting(client_as, users_by_role["member"])
    page = client.post_form(f"/concerns/boards/{board.id}/raise/post", {}).get_data(as_text=True)
    assert "Is it one of these?" in page and "The bus is often late" in page
    assert f'id="support-button-{concern.id}"' not in page
    assert "You cannot support a concern for now." in page
