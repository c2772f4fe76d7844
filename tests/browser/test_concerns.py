"""Concerns in a real browser: the guided form (with a lost connection), support with and
without JavaScript, "Show more", and every concerns page checked for accessibility."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.timeutil import utcnow
from tests.browser.conftest import NARROW, PHONE, sign_in
from tests.browser.page_checks import page_problems, walk_and_check
from tests.factories import PASSWORD, create_board, create_concern, create_user


@pytest.fixture
def other_member(app):
    return create_user("member", username="priya", display_name="Priya Shah")


@pytest.fixture
def concern(other_member):
    board = create_board("Getting about", picture="bus")
    return create_concern(board.id, other_member.id, "The bus is often late")


def test_raise_a_concern_step_by_step_through_a_lost_connection(new_page, member, other_member):
    board = create_board("Getting about", picture="bus")
    create_concern(board.id, other_member.id, "The number 5 bus is always late")
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{board.id}")
    page.get_by_role("link", name="Raise a concern").click()
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    page.get_by_label("What is the problem?").fill("The bus is late every day")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 2 of 5")).to_be_visible()
    expect(page).to_have_url(re.compile(r"step=2"))

    # The connection drops: the words stay in the box and the page says what happened.
    # A mistake is shown next to the box, as without JavaScript.
    page.get_by_role("button", name="Back").click()
    page.get_by_label("What is the problem?").fill("   ")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Type the problem in a few words.")).to_be_visible()
    page.get_by_label("What is the problem?").fill("The bus is late every day")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Tell us more").fill("I am late for work.")
    page.context.set_offline(True)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_contain_text("We could not reach the portal")
    expect(page.get_by_label("Tell us more")).to_have_value("I am late for work.")
    page.context.set_offline(False)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Step 3 of 5")).to_be_visible()
    expect(page.get_by_role("alert")).to_be_hidden()

    # Back keeps every answer, and so does a fresh page later (the draft is on the server).
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Tell us more")).to_have_value("I am late for work.")
    page.goto(f"/concerns/boards/{board.id}/raise?step=1")
    expect(page.get_by_label("What is the problem?")).to_have_value("The bus is late every day")
    page.goto(f"/concerns/boards/{board.id}/raise?step=3")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("A bus").check()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", name="Is it one of these?")).to_be_visible()
    expect(page.get_by_text("The number 5 bus is always late")).to_be_visible()
    page.get_by_role("button", name="Put it on the board").click()
    expect(page.get_by_role("heading", name="Thank you", exact=True)).to_be_visible()
    expect(page.get_by_text("Thank you. Your concern is on the board.")).to_be_visible()


def test_support_without_javascript_is_a_plain_form(new_page, member, concern):
    page = new_page(PHONE, javascript=False)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{concern.board_id}")
    button = page.get_by_role("button", name="I support this")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(
        page.get_by_text("You support this. Tap again to take your support back.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="I support this")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_text("2 people support this")).to_be_visible()


def test_support_with_htmx_updates_in_place_and_keeps_focus(new_page, member, concern):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{concern.board_id}")
    page.evaluate("window.notReloaded = true")
    button = page.get_by_role("button", name="I support this")
    button.click()
    expect(page.get_by_role("status")).to_contain_text("You support this.")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_text("2 people support this")).to_be_visible()
    expect(button).to_be_focused()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_text("1 person supports this")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True


def _many_concerns(board_id, author_id, count=25):
    start = utcnow() - timedelta(days=count)
    for number in range(count):
        create_concern(
            board_id,
            author_id,
            f"Concern number {number}",
            created_at=start + timedelta(hours=number),
        )


def test_show_more_with_htmx_and_as_plain_pages(new_page, member, other_member):
    board = create_board("Money", picture="money")
    _many_concerns(board.id, other_member.id)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{board.id}?sort=newest")
    cards = page.locator("li.concern")
    expect(cards).to_have_count(20)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Show more").click()
    expect(cards).to_have_count(25)
    expect(page.get_by_text("That is all the concerns.")).to_be_visible()
    expect(page.get_by_role("link", name="Concern number 4", exact=True)).to_be_focused()
    assert page.evaluate("window.notReloaded") is True

    plain = new_page(PHONE, javascript=False)
    sign_in(plain, "sam", PASSWORD)
    plain.goto(f"/concerns/boards/{board.id}?sort=newest")
    plain.get_by_role("link", name="Show more").click()
    expect(plain).to_have_url(re.compile(r"page=2"))
    expect(plain.locator("li.concern")).to_have_count(5)
    expect(plain.get_by_role("link", name="Earlier concerns")).to_be_visible()


def test_every_concerns_page_passes(new_page, live_server, users_by_role, other_member):
    board = create_board("Getting about", picture="bus")
    concern = create_concern(board.id, other_member.id, "The bus is often late", place="High St")
    checked = create_board("Staying safe", picture="safe", check_first=True)
    waiting = create_concern(checked.id, users_by_role["member"].id, "Waiting for a check")
    from tests.factories import APP

    with APP.app_context():
        from portal.accounts.models import User
        from portal.concerns.models import Concern
        from portal.concerns.services import add_reply, add_update
        from portal.extensions import db

        row = db.session.get(Concern, concern.id)
        member = db.session.get(User, users_by_role["member"].id)
        add_update(
            row,
            db.session.get(User, users_by_role["staff"].id),
            status=row.status.AGENDA,
            words="On Monday.",
        )
        add_reply(row, member, "Me too.")
        db.session.commit()
    for role, viewport in [("member", PHONE), ("staff", NARROW), ("co_trainer", PHONE)]:
        page = new_page(viewport)
        sign_in(page, users_by_role[role].username, PASSWORD)
        page.goto(f"/concerns/boards/{board.id}/raise")
        page.get_by_label("What is the problem?").fill("The bus is late")
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_text("Step 2 of 5")).to_be_visible()
        report = walk_and_check(
            page, live_server, expected_lang="en", start="/concerns", within=("/concerns",)
        )
        extra = [f"/concerns/boards/{board.id}/raise?step={n}" for n in range(1, 6)]
        if role == "member":
            extra.append(f"/concerns/{waiting.id}/thank-you")
        for url in extra:
            page.goto(url)
            report[url] = page_problems(page, "en")
        problems = {url: found for url, found in report.items() if found}
        assert not problems, problems
        assert any("/concerns/boards/" in url for url in report)
        assert any(re.search(r"/concerns/\d+$", url) for url in report), "\n".join(report)


def test_words_typed_survive_an_ended_session(app, new_page, member, concern):
    from tests.security.signin_helpers import end_sign_ins

    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{concern.board_id}/raise")
    page.get_by_label("What is the problem?").fill("Nobody answers the phone at the council")
    # The session ends while the member is typing (for example, signed out on another phone).
    # (Clearing the cookies would make him a stranger, whose words are not kept.)
    end_sign_ins(app, member.id)
    page.get_by_role("button", name="Next").click()
    # Signed out: the words are kept on the server while the member signs in again.
    expect(page).to_have_url(re.compile(r"/sign-in"))
    page.get_by_label("Your username").fill("sam")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("We kept what you typed")).to_be_visible()
    expect(page.get_by_text("Nobody answers the phone at the council")).to_be_visible()
    page.get_by_role("button", name="Send it again").click()
    expect(page.get_by_text("Step 2 of 5")).to_be_visible()
    # The server has it now; the phone's copy is gone, so nothing is shown twice later.
    # The page's deferred script forgets it after the words show: wait for it, do not race it.
    # Polled from here: the page's CSP forbids the string evaluation wait_for_function uses.
    kept_on_phone = "() => Object.keys(localStorage).some(k => k.startsWith('cg-keep:'))"
    for _ in range(50):
        if not page.evaluate(kept_on_phone):
            break
        page.wait_for_timeout(100)
    assert not page.evaluate(kept_on_phone), "the phone still keeps the words sent"
