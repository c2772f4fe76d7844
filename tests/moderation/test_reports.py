"""Members tell staff about concerns and replies; enough reports hide an item until staff look."""

from __future__ import annotations

from portal.concerns.models import Concern, Reply
from portal.moderation.models import Report
from portal.notices.models import Notice
from tests.factories import count_rows, create_reply, fetch, report


def test_member_reports_a_concern_once_and_is_thanked(client_as, concern):
    client = client_as("member")
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Tell staff about this" in page
    form = client.get(f"/moderation/report/concerns/{concern.id}").get_data(as_text=True)
    assert "It is private information" in form and "unkind.svg" in form
    response = client.post_form(
        f"/moderation/report/concerns/{concern.id}", {"reason": "private"}, follow_redirects=True
    )
    assert "Thank you. Staff will look at it." in response.get_data(as_text=True)
    assert count_rows(Report, item_id=concern.id) == 1
    # A second report by the same member is not counted again.
    again = client.post_form(f"/moderation/report/concerns/{concern.id}", {"reason": "unkind"})
    assert "You told staff about this before" in again.get_data(as_text=True)
    assert count_rows(Report, item_id=concern.id) == 1
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "You told staff about this. Thank you." in page


def test_something_else_needs_a_note_and_keeps_the_choice(client_as, concern):
    client = client_as("member")
    response = client.post_form(f"/moderation/report/concerns/{concern.id}", {"reason": "other"})
    assert response.status_code == 422
    assert "Say in a few words what is wrong." in response.get_data(as_text=True)
    assert count_rows(Report) == 0
    missing = client.post_form(f"/moderation/report/concerns/{concern.id}", {})
    assert missing.status_code == 422 and "Pick what is wrong with it." in missing.get_data(
        as_text=True
    )


def test_you_cannot_report_your_own_concern(client_as, users_by_role, board):
    from tests.factories import create_concern

    mine = create_concern(board.id, users_by_role["member"].id, "My own concern")
    client = client_as("member")
    client.post_form(f"/moderation/report/concerns/{mine.id}", {"reason": "unkind"})
    assert count_rows(Report) == 0


def test_a_reply_can_be_reported(client_as, concern, other_member):
    reply = create_reply(concern.id, other_member.id, "You are silly")
    client = client_as("member")
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Tell staff about this reply" in page
    client.post_form(f"/moderation/report/replies/{reply.id}", {"reason": "unkind"})
    assert count_rows(Report, item_kind="reply", item_id=reply.id) == 1


def test_three_reports_hide_the_concern_until_staff_decide(app, client_as, concern, reporters):
    for reporter in reporters[:2]:
        report("concern", concern.id, reporter.id)
    assert fetch(Concern, concern.id).review.value == "shown"
    report("concern", concern.id, reporters[2].id)
    hidden = fetch(Concern, concern.id)
    assert hidden.review.value == "hidden" and hidden.auto_hidden
    # Other members no longer see it; its author is told, on the item and by a notice.
    assert client_as("member").get(f"/concerns/{concern.id}").status_code == 404
    assert count_rows(Notice, user_id=concern.author_id, kind="moderation_concern_auto_hidden") == 1


def test_the_number_of_reports_is_a_setting(app, concern, reporters):
    app.config["REPORTS_TO_HIDE"] = 1
    try:
        report("concern", concern.id, reporters[0].id)
    finally:
        app.config["REPORTS_TO_HIDE"] = 3
    assert fetch(Concern, concern.id).auto_hidden


def test_reported_reply_hidden_from_others_but_not_its_author(
    client, client_as, concern, other_member, reporters
):
    reply = create_reply(concern.id, other_member.id, "Rude words here")
    for reporter in reporters[:3]:
        report("reply", reply.id, reporter.id)
    assert fetch(Reply, reply.id).hidden_at is not None
    assert "Rude words here" not in client_as("member").get(f"/concerns/{concern.id}").get_data(
        as_text=True
    )
    client.sign_in_as(other_member)
    assert "Rude words here" in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
