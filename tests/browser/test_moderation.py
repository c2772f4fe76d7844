"""Moderation in a real browser: one-tap actions with and without JavaScript, bulk actions,
merging, reporting, and every moderation page checked for accessibility."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import NARROW, PHONE, sign_in
from tests.browser.page_checks import page_problems, walk_and_check
from tests.factories import (
    PASSWORD,
    create_board,
    create_concern,
    create_reply,
    create_user,
    report,
)


@pytest.fixture
def other_member(app):
    return create_user("member", username="priya", display_name="Priya Shah")


@pytest.fixture
def waiting(other_member):
    board = create_board("Housing", picture="house", check_first=True)
    return [
        create_concern(board.id, other_member.id, title)
        for title in ("My landlord will not fix the damp", "The lift is broken again")
    ]


def test_one_tap_approve_and_hide_with_htmx(new_page, staff, waiting):
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto("/moderation")
    first = page.locator(f"#queue-concern-{waiting[0].id}")
    first.get_by_role("button", name="Let it onto the board").click()
    expect(first.get_by_role("status")).to_have_text("Done. Everyone can see it now.")
    expect(page).to_have_url(re.compile(r"/moderation$"))  # no page load: the row changed
    second = page.locator(f"#queue-concern-{waiting[1].id}")
    second.get_by_text("Hide it", exact=True).click()
    second.get_by_label("Why hide it?").select_option("private")
    second.get_by_label("Note to the author").fill("Please take out your address.")
    second.get_by_role("button", name="Hide it and tell the author").click()
    expect(second.get_by_role("status")).to_have_text("Done. It is hidden. The author is told why.")
    expect(second.get_by_role("button", name="Show it again")).to_be_visible()


def test_approve_works_without_javascript(new_page, staff, waiting):
    page = new_page(PHONE, javascript=False)
    sign_in(page, "jo", PASSWORD)
    page.goto("/moderation")
    page.locator(f"#queue-concern-{waiting[0].id}").get_by_role(
        "button", name="Let it onto the board"
    ).click()
    expect(page.get_by_text("Done. Everyone can see it now.")).to_be_visible()
    expect(page.locator(f"#queue-concern-{waiting[0].id}")).to_have_count(0)


def test_bulk_action_on_ticked_items(new_page, staff, waiting):
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto("/moderation?page=1")
    page.evaluate("window.notReloaded = true")
    for concern in waiting:
        page.locator(f"#queue-concern-{concern.id}").get_by_label("Choose this one").check()
    page.get_by_role("button", name="Let them onto the board").click()
    message = page.locator("#bulk-message")
    expect(message.get_by_role("status")).to_have_text("Done for 2 items.")
    expect(message).to_be_focused()  # the button pressed is gone: the words say what happened
    expect(page.get_by_text("Nothing needs a look now. Well done.")).to_be_visible()
    expect(page.get_by_text("0 concerns wait for a check.")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the queue in place
    expect(page).to_have_url(re.compile(r"/moderation$"))  # where the redirect would go


def test_bulk_with_nothing_ticked_says_so_and_leaves_the_queue(new_page, staff, waiting):
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto("/moderation")
    page.evaluate("document.getElementById('queue-list').dataset.before = 'yes'")
    page.get_by_role("button", name="Show them again").click()
    message = page.locator("#bulk-message")
    expect(message.get_by_role("status")).to_have_text("Tick at least one item first.")
    expect(message).to_be_focused()
    # Only the message changed: the rows (and anything ticked in them) are the same elements.
    assert page.evaluate("document.getElementById('queue-list').dataset.before") == "yes"
    box = page.locator(f"#queue-concern-{waiting[0].id}").get_by_label("Choose this one")
    box.check()
    page.get_by_role("button", name="Let them onto the board").click()
    expect(message.get_by_role("status")).to_have_text("Done for 1 item.")
    expect(page.locator(f"#queue-concern-{waiting[0].id}")).to_have_count(0)
    expect(page.locator(f"#queue-concern-{waiting[1].id}")).to_be_visible()


def test_bulk_action_works_without_javascript(new_page, staff, waiting):
    page = new_page(PHONE, javascript=False)
    sign_in(page, "jo", PASSWORD)
    page.goto("/moderation")
    page.locator(f"#queue-concern-{waiting[1].id}").get_by_label("Choose this one").check()
    page.get_by_label("Why hide it?").first.select_option("private")
    page.get_by_role("button", name="Hide them").click()
    expect(page).to_have_url(re.compile(r"/moderation$"))
    expect(page.get_by_text("Done for 1 item.")).to_be_visible()
    expect(page.locator(f"#queue-concern-{waiting[1].id}")).to_have_count(0)
    expect(page.locator(f"#queue-concern-{waiting[0].id}")).to_be_visible()


def test_one_tap_on_the_item_page_keeps_its_heading_level(new_page, staff, waiting):
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto(f"/moderation/concerns/{waiting[0].id}")
    row = page.locator(f"#queue-concern-{waiting[0].id}")
    levels = "[...document.querySelectorAll('main h1, main h2, main h3')].map(h => h.tagName)"
    before = page.evaluate(levels)
    assert before[:2] == ["H1", "H2"] and "H3" not in before
    row.get_by_role("button", name="Lock").click()
    expect(row.get_by_role("status")).to_have_text("Done. It is locked.")
    assert page.evaluate(levels) == before
    expect(row.get_by_label("Choose this one")).to_have_count(0)
    row.get_by_role("button", name="Unlock").click()  # the swapped row still knows its page
    expect(row.get_by_role("status")).to_have_text("Done. It is unlocked.")
    assert page.evaluate(levels) == before
    expect(page).to_have_url(re.compile(rf"/moderation/concerns/{waiting[0].id}$"))


def _stop_posting(new_page, member) -> None:
    staff_page = new_page(PHONE)
    sign_in(staff_page, "jo", PASSWORD)
    staff_page.goto(f"/moderation/people/{member.id}/posting")
    staff_page.get_by_label("Why stop them posting?").fill("You wrote unkind things.")
    staff_page.get_by_role("button", name="Stop them posting").click()
    expect(
        staff_page.get_by_text("Sam Jones cannot raise, support or reply to concerns now.")
    ).to_be_visible()


def test_a_member_stopped_posting_is_told_why_instead_of_a_support_button(
    new_page, staff, member, other_member
):
    board = create_board("Getting about", picture="bus")
    concern = create_concern(board.id, other_member.id, "The bus is often late")
    _stop_posting(new_page, member)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    for url in (f"/concerns/{concern.id}", f"/concerns/boards/{board.id}"):
        page.goto(url)
        expect(page.get_by_role("button", name="I support this")).to_have_count(0)
        expect(page.get_by_text("You cannot support a concern for now.").first).to_be_visible()
        expect(page.get_by_text("Why: You wrote unkind things.").first).to_be_visible()
        # No reply form and no "Raise a concern": the reason is there before any tap.
        expect(page.get_by_role("button", name="Add my reply")).to_have_count(0)
        expect(page.get_by_role("link", name="Raise a concern")).to_have_count(0)
        expect(
            page.get_by_text("You cannot raise, support or reply to concerns for now.").first
        ).to_be_visible()
        assert not page_problems(page, "en"), url


def test_a_reply_sent_after_staff_stopped_posting_keeps_the_words(
    new_page, staff, member, other_member
):
    """The form was open in a tab when staff stopped them: the words come back, with why."""
    board = create_board("Getting about", picture="bus")
    concern = create_concern(board.id, other_member.id, "The bus is often late")
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/{concern.id}")
    page.get_by_label("Your reply").fill("The 42 bus never comes on time.")
    _stop_posting(new_page, member)
    page.get_by_role("button", name="Add my reply").click()
    kept = page.get_by_label("What you wrote. We did not send it.")
    expect(kept).to_have_value("The 42 bus never comes on time.")
    expect(kept).to_have_attribute("readonly", "")
    expect(kept).to_be_in_viewport()  # the page opens at the replies, not at the top
    expect(page.locator("#replies")).to_contain_text("Why: You wrote unkind things.")
    expect(page.get_by_role("button", name="Add my reply")).to_have_count(0)
    assert not page_problems(page, "en")


def test_a_step_sent_after_staff_stopped_posting_keeps_the_answer(new_page, staff, member):
    """The boosted step form gets a 403 page: htmx shows it, with the answer and why."""
    board = create_board("Getting about", picture="bus")
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{board.id}")
    page.get_by_role("link", name="Raise a concern").click()
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    page.get_by_label("What is the problem?").fill("The lift is broken")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Tell us more").fill("Since Monday.")
    _stop_posting(new_page, member)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_label("Your answer")).to_have_value("Since Monday.")
    expect(page.get_by_text("Why: You wrote unkind things.")).to_be_visible()
    expect(
        page.get_by_text("We saved your answers. They will be here when staff let you post again.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Next")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True  # htmx swapped it, as for any step
    expect(page.get_by_role("alert")).to_be_hidden()  # not "That did not work"
    assert not page_problems(page, "en")


def test_merge_in_the_browser(new_page, staff, member, other_member):
    board = create_board("Getting about", picture="bus")
    kept = create_concern(board.id, member.id, "Buses are late")
    dupe = create_concern(board.id, other_member.id, "The buses are late every day")
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto(f"/moderation/concerns/{dupe.id}")
    page.get_by_role("link", name="Merge").click()
    page.get_by_role("button", name="Keep Buses are late").click()
    expect(page.get_by_text("Done. The concern is now part of Buses are late.")).to_be_visible()
    page.goto(f"/concerns/{dupe.id}")
    expect(page).to_have_url(re.compile(rf"/concerns/{kept.id}$"))
    expect(page.get_by_text("2 people support this")).to_be_visible()
    page.goto(f"/moderation/concerns/{dupe.id}")
    page.get_by_role("button", name="Undo the merge").click()
    expect(page.get_by_text("Done. The two concerns are apart again.")).to_be_visible()


def test_member_reports_with_pictures(new_page, member, other_member):
    board = create_board("Getting about", picture="bus")
    concern = create_concern(board.id, other_member.id, "The bus is often late")
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/{concern.id}")
    page.get_by_role("link", name="Tell staff about this").click()
    page.get_by_text("It is unkind").click()
    page.get_by_role("button", name="Tell staff").click()
    expect(page.get_by_text("Thank you. Staff will look at it.")).to_be_visible()


def test_every_moderation_page_passes(new_page, live_server, users_by_role, other_member):
    board = create_board("Getting about", picture="bus")
    concern = create_concern(board.id, other_member.id, "The bus is often late")
    create_concern(board.id, other_member.id, "The buses are late every day")
    reply = create_reply(concern.id, other_member.id, "Stop moaning")
    for reporter in (users_by_role["member"], users_by_role["co_trainer"]):
        report("reply", reply.id, reporter.id, "unkind")
    report("concern", concern.id, users_by_role["member"].id, "other", "It has a phone number")
    page = new_page(NARROW)
    sign_in(page, "jo", PASSWORD)
    report_pages = walk_and_check(
        page, live_server, expected_lang="en", start="/moderation", within=("/moderation",)
    )
    for url in (f"/moderation/concerns/{concern.id}/merge", "/moderation/log?action=nonsense"):
        page.goto(url)
        report_pages[url] = page_problems(page, "en")
    problems = {url: found for url, found in report_pages.items() if found}
    assert not problems, problems
    assert any("/moderation/log" in url for url in report_pages)
    member_page = new_page(PHONE)
    sign_in(member_page, "sam", PASSWORD)
    for url in (
        f"/moderation/report/concerns/{concern.id}",
        f"/moderation/report/replies/{reply.id}",
    ):
        member_page.goto(url)
        assert not page_problems(member_page, "en"), url
