"""Sessions in a real browser: the "I'm coming" toggle with and without JavaScript, the
waiting list, the calendar file, cancelling and putting back on, changing the time, and every
sessions page checked for each role."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, choose_language, sign_in
from tests.browser.page_checks import page_problems, walk_and_check
from tests.factories import PASSWORD, book, create_session, create_user


def test_im_coming_toggle_with_htmx_updates_without_reloading(new_page, users_by_role):
    session = create_session(title="Intro", places=3)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    page.evaluate("window.notReloaded = true")
    panel = page.locator("#coming-panel")
    expect(panel).to_contain_text("3 places left")
    page.locator("summary", has_text="Do you need help to come?").click()
    page.get_by_label("Someone to come with me").check()
    button = panel.get_by_role("button", name="I'm coming")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(panel).to_contain_text("2 places left")
    expect(panel).to_contain_text("You are going")
    expect(page.locator("#coming-status")).to_contain_text("We saved the help you need.")
    expect(page.locator("#coming-button")).to_be_focused()
    expect(panel.get_by_role("button", name="I'm coming")).to_have_attribute("aria-pressed", "true")
    panel.get_by_role("button", name="I'm coming").click()
    expect(page.locator("#coming-status")).to_contain_text("You are not going now.")
    expect(panel).to_contain_text("3 places left")
    expect(panel.get_by_role("button", name="I'm coming")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert page.evaluate("window.notReloaded") is True


def test_im_coming_toggle_without_javascript(new_page, users_by_role):
    session = create_session(title="Intro", places=3)
    page = new_page(PHONE, javascript=False)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    page.locator("summary", has_text="Do you need help to come?").click()
    page.get_by_label("Large print").check()
    page.get_by_role("button", name="I'm coming").click()
    expect(page.locator(".messages")).to_contain_text("You are going.")
    expect(page.locator("#places-left")).to_have_text("2 places left")
    expect(page.get_by_role("button", name="I'm coming")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_label("Large print")).to_be_checked()
    page.goto("/sessions")
    expect(page.locator(f"#session-{session.id}")).to_contain_text("You are going")


def test_waiting_list_and_automatic_place(new_page, users_by_role):
    session = create_session(title="Busy day", places=1)
    first = create_user("member", username="first", display_name="First Person")
    book(session.id, first.id)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    panel = page.locator("#coming-panel")
    expect(panel).to_contain_text("The session is full.")
    panel.get_by_role("button", name="Join the waiting list").click()
    expect(panel).to_contain_text("You are number 1 on the waiting list")

    other = new_page(PHONE)
    sign_in(other, "first", PASSWORD)
    other.goto(f"/sessions/{session.id}")
    other.get_by_role("button", name="I'm coming").click()
    expect(other.locator("#coming-status")).to_contain_text("You are not going now.")

    page.reload()
    expect(panel).to_contain_text("You are going")
    page.goto("/whats-new")
    expect(page.get_by_text("A place came free. You are going to Busy day now.")).to_be_visible()


def test_add_to_my_calendar_downloads_a_calendar_file(new_page, users_by_role):
    session = create_session(title="Intro")
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Intro"
    from datetime import UTC

    assert event.decoded("DTSTART").astimezone(UTC).replace(tzinfo=None) == session.start_at


def test_every_sessions_page_passes_for_members_and_staff(new_page, live_server, users_by_role):
    from datetime import timedelta

    full = create_session(title="Full one", places=1)
    book(full.id, users_by_role["co_trainer"].id)
    book(full.id, users_by_role["member"].id, help_needs=["other"], help_other="A lift")
    create_session(title="Past one", starts_in=timedelta(days=-4))
    for username in ("sam", "jo"):
        page = new_page(PHONE)
        sign_in(page, username, PASSWORD)
        report = walk_and_check(
            page, live_server, expected_lang="en", start="/sessions", within=("/sessions",)
        )
        # Only staff reach a session's list of people (members reach their own /people pages).
        who_is_coming = [url for url in report if re.search(r"/sessions/\d+/people", url)]
        assert bool(who_is_coming) == (username == "jo")
        assert any(f"/sessions/{full.id}" in url for url in report)
        problems = {url: found for url, found in report.items() if found}
        assert not problems, problems


def test_sessions_pages_pass_in_welsh(new_page, live_server, users_by_role):
    session = create_session(title="Cyflwyniad", places=1)
    book(session.id, users_by_role["member"].id, help_needs=["companion"])
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    choose_language(page, "Cymraeg")
    report = walk_and_check(
        page, live_server, expected_lang="cy", start="/sessions", within=("/sessions",)
    )
    assert any(f"/sessions/{session.id}/people" in url for url in report)
    problems = {url: found for url, found in report.items() if found}
    choose_language(page, "English")
    assert not problems, problems


def test_cancel_then_put_back_on_each_step_checked(new_page, users_by_role):
    session = create_session(title="Intro", places=3)
    book(session.id, users_by_role["member"].id)
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    page.get_by_role("link", name="Cancel this session").click()
    page.get_by_role("button", name="Yes, cancel this session").click()
    expect(page.locator(".session-alert")).to_have_text("This session is cancelled")
    page.get_by_role("link", name="Put the session back on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Put the session back on")
    assert page_problems(page, "en") == []
    page.get_by_role("button", name="Yes, put the session back on").click()
    expect(page.locator(".messages")).to_contain_text("The session is back on.")
    expect(page.locator(".session-alert")).to_have_count(0)
    expect(page.get_by_role("link", name="Cancel this session")).to_be_visible()

    member = new_page(PHONE)
    sign_in(member, "sam", PASSWORD)
    member.goto("/whats-new")
    expect(member.get_by_text("Intro is on again. Tell us if you cannot come now.")).to_be_visible()
    member.goto(f"/sessions/{session.id}")
    expect(member.locator("#coming-panel")).to_contain_text("You are going")


def _cancel_in_another_tab(new_page, session_id: int) -> None:
    staff = new_page(PHONE)
    sign_in(staff, "jo", PASSWORD)
    staff.goto(f"/sessions/{session_id}/cancel")
    staff.get_by_role("button", name="Yes, cancel this session").click()
    expect(staff.locator(".session-alert")).to_have_text("This session is cancelled")


CANCELLED_WORDS = "This session is cancelled. You cannot change your answer now."


def test_an_answer_sent_after_the_session_was_cancelled_says_why(new_page, users_by_role):
    """The page was open when staff cancelled: "I can't come" changes nothing, and says so."""
    session = create_session(title="Intro", places=3)
    book(session.id, users_by_role["member"].id)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    page.evaluate("window.notReloaded = true")
    _cancel_in_another_tab(new_page, session.id)
    page.get_by_role("button", name="I'm coming").click()  # pressed: tap again to leave
    status = page.locator("#coming-status")
    expect(status).to_contain_text(CANCELLED_WORDS)
    expect(status).to_contain_text("If it comes back on, you can change it then.")
    panel = page.locator("#coming-panel")
    expect(panel).to_contain_text("You are going")  # the answer stays as it was
    expect(panel.get_by_role("button")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True
    assert not page_problems(page, "en")


def test_an_answer_sent_after_the_session_was_cancelled_without_javascript(new_page, users_by_role):
    session = create_session(title="Intro", places=3)
    book(session.id, users_by_role["member"].id)
    page = new_page(PHONE, javascript=False)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    _cancel_in_another_tab(new_page, session.id)
    page.get_by_role("button", name="I'm coming").click()
    expect(page.locator(".messages")).to_contain_text(CANCELLED_WORDS)
    expect(page.locator(".session-alert")).to_have_text("This session is cancelled")
    expect(page.locator("#coming-panel")).to_contain_text("You are going")
    expect(page.locator("#coming-panel").get_by_role("button")).to_have_count(0)


def test_a_new_time_is_checked_and_shown_until_seen(new_page, users_by_role):
    from datetime import date, timedelta

    from portal.timeutil import utcnow

    # At ten in the morning: three hours from late evening would end past midnight, which the
    # form rightly refuses ("The end must be after the start"), so the test failed by the clock.
    start = (utcnow() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    session = create_session(
        title="Intro", places=3, start_at=start, end_at=start + timedelta(hours=3)
    )
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto(f"/sessions/{session.id}/edit")
    page.get_by_label("Name of the session").fill("Intro, moved")
    page.get_by_label("Day").fill((date.today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("This time has gone. Choose a day in the future.")).to_be_visible()
    expect(page.get_by_label("Name of the session")).to_have_value("Intro, moved")
    assert page_problems(page, "en") == []
    page.get_by_label("Day").fill((date.today() + timedelta(days=9)).isoformat())
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator(".messages")).to_contain_text("The changes are saved.")

    member = new_page(PHONE)
    sign_in(member, "sam", PASSWORD)
    member.goto("/sessions")
    card = member.locator(f"#session-{session.id}")
    expect(card).to_contain_text("The time has changed")
    card.get_by_role("link", name="Find out more about Intro, moved").click()
    expect(member.locator(".session-alert")).to_have_text("The time has changed")
    member.goto("/sessions")
    expect(card).to_contain_text("Intro, moved")
    expect(card.locator(".session-alert")).to_have_count(0)
