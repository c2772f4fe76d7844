"""The staff queue: what needs a look, one-tap actions (htmx and plain forms), bulk actions."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from portal.concerns.models import Concern, Reply
from portal.extensions import db
from portal.moderation.models import LogEntry, Report
from portal.notices.models import Notice
from tests import factories
from tests.conftest import htmx_headers
from tests.factories import create_board, create_concern, create_reply, fetch, report


def _rows(model, **where):
    with factories.APP.app_context():
        query = sa.select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return list(db.session.scalars(query))


@pytest.fixture
def waiting(other_member):
    board = create_board("Housing", picture="house", check_first=True)
    return create_concern(board.id, other_member.id, "My landlord will not fix the damp")


def test_queue_lists_waiting_and_reported_items_oldest_first(
    client_as, concern, waiting, reporters
):
    report("concern", concern.id, reporters[0].id, "private", "It has my phone number")
    page = client_as("staff").get("/moderation")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" in html
    # The waiting concern needed a look before the report came in, so it comes first.
    assert html.index("My landlord will not fix the damp") < html.index("The bus is often late")
    assert "It is private information (1)" in html and "It has my phone number" in html
    assert "1 concern waits for a check." in html and "1 item has reports." in html
    home = client_as("staff").get("/").get_data(as_text=True)
    assert "Check the concern boards" in home and "1 item has reports." in home
    assert "Check the concern boards" not in client_as("co_trainer").get("/").get_data(as_text=True)


def test_queue_answers_htmx_with_just_the_list(client_as, concern, reporters):
    report("concern", concern.id, reporters[0].id)
    response = client_as("staff").get("/moderation", headers=htmx_headers())
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="queue-list"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_approve_with_htmx_swaps_the_row_and_tells_the_author(client_as, waiting):
    client = client_as("staff")
    response = client.post_form(
        f"/moderation/concerns/{waiting.id}/act", {"action": "approve"}, headers=htmx_headers()
    )
    html = response.get_data(as_text=True)
    assert "<html" not in html and f'id="queue-concern-{waiting.id}"' in html
    assert "Done. Everyone can see it now." in html
    assert fetch(Concern, waiting.id).review.value == "shown"
    assert [n.kind for n in _rows(Notice, user_id=waiting.author_id)] == [
        "moderation_concern_approved"
    ]
    assert [e.action for e in _rows(LogEntry)] == ["approved"]


def test_hide_as_plain_form_keeps_the_item_and_tells_the_author_why(
    client, client_as, concern, other_member, reporters
):
    report("concern", concern.id, reporters[0].id)
    response = client_as("staff").post_form(
        f"/moderation/concerns/{concern.id}/act",
        {"action": "hide", "reason": "private", "note": "Please take out the phone number."},
    )
    assert response.status_code == 302 and response.location.endswith("/moderation")
    hidden = fetch(Concern, concern.id)
    assert hidden.review.value == "hidden" and hidden.moderation_reason == "private"
    assert all(r.dealt_at for r in _rows(Report))
    entry = _rows(LogEntry)[0]
    assert (entry.action, entry.reason, entry.note) == (
        "hidden",
        "private",
        "Please take out the phone number.",
    )
    assert "The bus is often late" in entry.before_text
    # The author sees why, on the item and in My concerns; hidden is not deleted.
    client.sign_in_as(other_member)
    why = "Staff hid your concern because it had private information in it."
    assert why in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    mine = client.get("/concerns/mine").get_data(as_text=True)
    assert why in mine and "You can talk to staff about it." in mine
    notices = client.get("/whats-new").get_data(as_text=True)
    assert "because it had private information in it" in notices
    assert client_as("member").get(f"/concerns/{concern.id}").status_code == 404


def test_hide_without_a_reason_is_refused_with_easy_words(client_as, concern):
    response = client_as("staff").post_form(
        f"/moderation/concerns/{concern.id}/act", {"action": "hide", "reason": ""}
    )
    assert response.status_code == 422
    assert "Pick a reason to hide it." in response.get_data(as_text=True)
    assert fetch(Concern, concern.id).review.value == "shown"


def test_restore_lock_unlock_and_close(client_as, concern):
    client = client_as("staff")
    url = f"/moderation/concerns/{concern.id}/act"
    client.post_form(url, {"action": "hide", "reason": "unkind"})
    client.post_form(url, {"action": "restore"})
    assert fetch(Concern, concern.id).review.value == "shown"
    client.post_form(url, {"action": "lock"})
    assert fetch(Concern, concern.id).locked_at is not None
    member = client_as("member")
    page = member.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Nobody can support it or reply now." in page and "Add my reply" not in page
    member.post_form(f"/concerns/{concern.id}/support", {"supported": "1"})
    assert fetch(Concern, concern.id).support_count == 1  # only the author
    client.post_form(url, {"action": "unlock"})
    assert fetch(Concern, concern.id).locked_at is None
    client.post_form(url, {"action": "close", "outcome": "The bus company changed the times."})
    closed = fetch(Concern, concern.id)
    assert closed.status.value == "closed"
    assert closed.closed_reason == "The bus company changed the times."
    actions = [e.action for e in _rows(LogEntry)]
    assert actions == ["hidden", "restored", "locked", "unlocked", "closed"]


def test_close_needs_an_outcome(client_as, concern):
    response = client_as("staff").post_form(
        f"/moderation/concerns/{concern.id}/act", {"action": "close", "outcome": ""}
    )
    assert response.status_code == 422
    assert fetch(Concern, concern.id).status.value == "new"


def test_reports_dealt_with_shows_an_auto_hidden_item_again(client_as, concern, reporters):
    for reporter in reporters[:3]:
        report("concern", concern.id, reporter.id)
    assert fetch(Concern, concern.id).auto_hidden
    client_as("staff").post_form(f"/moderation/concerns/{concern.id}/act", {"action": "dealt"})
    shown = fetch(Concern, concern.id)
    assert shown.review.value == "shown" and not shown.auto_hidden
    assert "Nothing needs a look now" in client_as("staff").get("/moderation").get_data(
        as_text=True
    )


def test_hide_a_reply(client, client_as, concern, other_member):
    reply = create_reply(concern.id, other_member.id, "Some unkind words")
    client_as("staff").post_form(
        f"/moderation/replies/{reply.id}/act", {"action": "hide", "reason": "unkind"}
    )
    assert fetch(Reply, reply.id).hidden_at is not None
    page = client_as("member").get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Some unkind words" not in page
    client.sign_in_as(other_member)
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Staff hid your reply because it was unkind to someone." in page


def test_the_second_moderator_sees_what_the_first_did(client_as, waiting):
    first, second = client_as("staff"), client_as("staff")
    url = f"/moderation/concerns/{waiting.id}/act"
    first.post_form(url, {"action": "approve"})
    response = second.post_form(url, {"action": "approve"}, headers=htmx_headers())
    assert "Someone else decided first. This is how it is now." in response.get_data(as_text=True)
    assert len(_rows(LogEntry)) == 1
    assert len(_rows(Notice, kind="moderation_concern_approved")) == 1


def test_an_unknown_action_is_refused(client_as, concern):
    response = client_as("staff").post_form(
        f"/moderation/concerns/{concern.id}/act", {"action": "delete"}
    )
    assert response.status_code == 400


def test_bulk_approve_several_at_once(client_as, other_member):
    board = create_board("Housing", picture="house", check_first=True)
    concerns = [create_concern(board.id, other_member.id, f"Concern {n}") for n in range(3)]
    response = client_as("staff").post_form(
        "/moderation/bulk",
        {"action": "approve", "item": [f"concern:{c.id}" for c in concerns[:2]]},
        follow_redirects=True,
    )
    assert "Done for 2 items." in response.get_data(as_text=True)
    reviews = [fetch(Concern, c.id).review.value for c in concerns]
    assert reviews == ["shown", "shown", "waiting"]


def test_bulk_as_a_plain_form_redirects_to_the_queue(client_as, other_member):
    board = create_board("Housing", picture="house", check_first=True)
    concerns = [create_concern(board.id, other_member.id, f"Concern {n}") for n in range(2)]
    client = client_as("staff")
    page = client.get("/moderation").get_data(as_text=True)
    # A real form that works without JavaScript; htmx only makes it smoother.
    assert '<form class="card form" id="bulk-form" method="post" action="/moderation/bulk"' in page
    assert 'hx-post="/moderation/bulk" hx-target="#queue-page" hx-swap="outerHTML"' in page
    response = client.post_form(
        "/moderation/bulk", {"action": "approve", "item": [f"concern:{c.id}" for c in concerns]}
    )
    assert response.status_code == 302 and response.location.endswith("/moderation")
    assert "HX-Request" in response.headers["Vary"]
    after = client.get(response.location).get_data(as_text=True)
    assert "Done for 2 items." in after and "Nothing needs a look now. Well done." in after


def test_bulk_with_htmx_swaps_the_queue_with_counts_and_message(client_as, other_member):
    board = create_board("Housing", picture="house", check_first=True)
    concerns = [create_concern(board.id, other_member.id, f"Concern {n}") for n in range(3)]
    client = client_as("staff")
    assert "3 concerns wait for a check." in client.get("/moderation").get_data(as_text=True)
    response = client.post_form(
        "/moderation/bulk",
        {"action": "approve", "item": [f"concern:{c.id}" for c in concerns[:2]]},
        headers=htmx_headers(),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<div id="queue-page">')
    assert response.headers["HX-Replace-Url"] == "/moderation"
    assert "HX-Request" in response.headers["Vary"]
    message = re.search(r'<div id="bulk-message" tabindex="-1">(.*?)</div>', html, re.S).group(1)
    assert 'role="status"' in message and "Done for 2 items." in message
    assert "1 concern waits for a check." in html
    # The two done leave the queue, as after the plain form's redirect; the third stays, unticked.
    assert f'id="queue-concern-{concerns[0].id}"' not in html
    assert f'id="queue-concern-{concerns[1].id}"' not in html
    assert f'id="queue-concern-{concerns[2].id}"' in html and "checked" not in html
    assert 'id="bulk-form"' in html  # ready for the next lot
    assert [fetch(Concern, c.id).review.value for c in concerns] == ["shown", "shown", "waiting"]


def test_bulk_with_htmx_that_does_nothing_swaps_only_the_message(client_as, concern):
    client = client_as("staff")
    for form, words in (
        ({"action": "approve"}, "Tick at least one item first."),
        ({"action": "hide", "item": f"concern:{concern.id}"}, "Pick a reason to hide it."),
    ):
        response = client.post_form("/moderation/bulk", form, headers=htmx_headers())
        html = response.get_data(as_text=True)
        # 200, so htmx swaps it; only the message, so what was ticked stays ticked.
        assert response.status_code == 200
        assert response.headers["HX-Retarget"] == "#bulk-message"
        assert response.headers["HX-Reswap"] == "outerHTML"
        assert html.lstrip().startswith('<div id="bulk-message" tabindex="-1">')
        assert words in html and "message-error" in html and 'role="status"' in html
        assert "queue-list" not in html and "<html" not in html
    assert fetch(Concern, concern.id).review.value == "shown"
    assert _rows(LogEntry) == []


def test_bulk_hide_needs_a_reason_and_nothing_ticked_is_told(client_as, concern):
    client = client_as("staff")
    nothing = client.post_form("/moderation/bulk", {"action": "approve"}, follow_redirects=True)
    assert "Tick at least one item first." in nothing.get_data(as_text=True)
    client.post_form("/moderation/bulk", {"action": "hide", "item": f"concern:{concern.id}"})
    assert fetch(Concern, concern.id).review.value == "shown"


def test_a_failure_part_way_through_a_bulk_action_changes_nothing(
    client_as, other_member, monkeypatch
):
    board = create_board("Housing", picture="house", check_first=True)
    concerns = [create_concern(board.id, other_member.id, f"Concern {n}") for n in range(3)]
    from portal.moderation import services

    real_write_log = services.write_log
    calls = []

    def failing_write_log(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real_write_log(*args, **kwargs)

    monkeypatch.setattr(services, "write_log", failing_write_log)
    with pytest.raises(RuntimeError):
        client_as("staff").post_form(
            "/moderation/bulk", {"action": "approve", "item": [f"concern:{c.id}" for c in concerns]}
        )
    assert [fetch(Concern, c.id).review.value for c in concerns] == ["waiting"] * 3
    assert _rows(LogEntry) == [] and _rows(Notice) == []


def test_staff_item_page_shows_actions_and_log(client_as, concern):
    client = client_as("staff")
    client.post_form(f"/moderation/concerns/{concern.id}/act", {"action": "lock"})
    page = client.get(f"/moderation/concerns/{concern.id}").get_data(as_text=True)
    assert "Unlock" in page and "Locked" in page and "Merge" in page


def _row(html: str, row_id: str) -> str:
    """The markup of one queue row, and what follows it up to the next row."""
    start = html.index(f'<li class="card queue-item" id="{row_id}">')
    end = html.find('<li class="card queue-item"', start + 1)
    return html[start : end if end > 0 else len(html)]


def _heading_level(html: str, row_id: str) -> str:
    return re.search(r'<(h[1-6]) class="card-heading">', _row(html, row_id)).group(1)


def _hidden_fields(html: str, row_id: str, action: str) -> dict[str, str]:
    """What the row's one-tap form for `action` sends, as a browser (or htmx) would send it."""
    for form in re.findall(r"<form .*?</form>", _row(html, row_id), re.S):
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
        if fields.get("action") == action:
            fields.pop("csrf_token")
            return fields
    raise AssertionError(f"no {action} form in {row_id}")


@pytest.mark.parametrize(
    ("page_url", "level"), [("/moderation", "h3"), ("/moderation/concerns/{id}", "h2")]
)
def test_a_swapped_row_keeps_the_heading_level_of_the_page_it_lands_in(
    client_as, concern, reporters, page_url, level
):
    report("concern", concern.id, reporters[0].id)
    client = client_as("staff")
    row_id = f"queue-concern-{concern.id}"
    page = client.get(page_url.format(id=concern.id)).get_data(as_text=True)
    assert _heading_level(page, row_id) == level
    fields = _hidden_fields(page, row_id, "lock")
    response = client.post_form(
        f"/moderation/concerns/{concern.id}/act", fields, headers=htmx_headers()
    )
    fragment = response.get_data(as_text=True)
    assert "<html" not in fragment and "Done. It is locked." in fragment
    assert _heading_level(fragment, row_id) == level
    # The tick box belongs to "Do the same to several", so only where that form is.
    assert ('form="bulk-form"' in fragment) == ('id="bulk-form"' in page)
    # The swapped row's own forms keep saying where they are, for the next tap.
    assert _hidden_fields(fragment, row_id, "unlock") == dict(fields, action="unlock")
