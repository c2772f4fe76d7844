"""The phone layout (issue 14) at 360x740: the page starts at the top, the main action is in the
first screen, the bottom bar says where you are and never covers what you type or tab to.

Every page's heading (for every role, at 360 and 320 px) is measured by the walk itself
(page_checks.HEADING_TOP, run by test_every_page.py); the pages here are the main member pages.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from portal.notices.services import notify
from tests.browser.conftest import DESKTOP, PHONE, sign_in
from tests.browser.page_checks import HEADING_TOP, page_problems
from tests.factories import PASSWORD, create_board, create_concern, create_session, create_user

BAR = "nav.bottom-bar"
BOX = "el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.height]; }"


@pytest.fixture
def member_world(app, member):
    """What Sam sees on the main pages: a session, a board with a concern, and some news."""
    priya = create_user("member", username="priya", display_name="Priya Shah")
    session = create_session(title="Speaking up", places=5)
    board = create_board("Getting about", picture="bus")
    concern = create_concern(
        board.id, priya.id, "The bus is often late", details="It happens every day."
    )
    with app.app_context():
        for _ in range(2):
            notify(member.id, "concern_replied", link="/concerns", name="Priya", title="Buses")
        db.session.commit()
    return {"session": session, "board": board, "concern": concern}


def _bar_top(page) -> float:
    return page.locator(BAR).evaluate(BOX)[0]


def test_main_pages_start_at_the_top_with_the_main_action_in_the_first_screen(
    new_page, member_world
):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    paths = [
        "/",
        "/sessions",
        f"/sessions/{member_world['session'].id}",
        "/concerns",
        f"/concerns/boards/{member_world['board'].id}",
        f"/concerns/{member_world['concern'].id}",
        "/whats-new",
    ]
    for path in paths:
        page.goto(path)
        heading_top = page.locator("h1").evaluate(BOX)[0]
        assert heading_top <= HEADING_TOP, f"{path}: heading at {heading_top}px"
        action = page.locator("main [data-main-action]")
        expect(action, path).to_have_count(1)
        bottom = action.evaluate(BOX)[1]
        # Inside the first 740px and above the bar, so it can be seen and tapped at once.
        assert bottom <= _bar_top(page) <= PHONE["height"], f"{path}: main action ends at {bottom}"
        # The bar sits at the bottom of the screen, even on a short page.
        assert round(page.locator(BAR).evaluate(BOX)[1]) == PHONE["height"], path


def test_the_bar_says_where_you_are_and_shows_the_count(new_page, member_world):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    bar = page.get_by_role("navigation", name="Main places")
    expect(bar.get_by_role("link", name="What's new 2 new")).to_be_visible()
    for name, heading in [
        ("What's on", "What's on"),
        ("Concerns", "Concerns"),
        ("What's new", "What's new"),
        ("Me", "Me"),
        ("Home", "Welcome to Common Ground"),
    ]:
        bar.get_by_role("link", name=re.compile(rf"^{re.escape(name)}\b")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        current = bar.locator("[aria-current=page]")
        expect(current).to_have_count(1)
        expect(current).to_contain_text(name)
        for link in bar.get_by_role("link").all():
            assert link.evaluate(BOX)[2] >= 44
    # What's new was opened: the count has gone from the bar.
    expect(bar.locator(".badge")).to_have_count(0)
    # The top menu and the language switch are not on a phone's screen; the Me page has them.
    expect(page.get_by_role("navigation", name="Menu")).to_be_hidden()
    page.goto("/me")
    expect(page.get_by_role("main").get_by_role("button", name="Cymraeg")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("button", name="Sign out")).to_be_visible()


def test_signed_out_visitors_get_home_help_sign_in_and_more(new_page):
    page = new_page(PHONE)
    page.goto("/help")
    bar = page.get_by_role("navigation", name="Main places")
    names = [link.inner_text().strip() for link in bar.get_by_role("link").all()]
    assert names == ["Home", "Help", "Sign in", "More"]
    expect(bar.locator("[aria-current=page]")).to_have_text("Help")
    bar.get_by_role("link", name="More").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("More")
    page.get_by_role("main").get_by_role("button", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mwy")
    assert page_problems(page, "cy") == []


def test_a_text_box_being_typed_in_is_never_under_the_bar(new_page, member_world):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    concern = member_world["concern"]
    for path, label in [
        (f"/concerns/boards/{member_world['board'].id}/raise", "What is the problem?"),
        (f"/concerns/{concern.id}", "Your reply"),
    ]:
        page.goto(path)
        expect(page.locator(BAR)).to_be_visible()
        field = page.get_by_label(label)
        field.focus()
        # The on-screen keyboard covers the bottom of the screen: the bar steps aside.
        expect(page.locator(BAR)).to_be_hidden()
        top, bottom, _ = field.evaluate(BOX)
        assert top >= 0 and bottom <= PHONE["height"], f"{path}: the box is off the screen"
        field.blur()
        expect(page.locator(BAR)).to_be_visible()


def test_what_you_tab_to_scrolls_above_the_bar(new_page, member_world):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{member_world['session'].id}")
    checked = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        inside_main = page.evaluate("!!document.activeElement.closest('main')")
        if not inside_main:
            continue
        top, bottom, _ = page.evaluate(f"({BOX})(document.activeElement)")
        if bottom - top < PHONE["height"] / 2:
            assert bottom <= _bar_top(page) + 1, f"focus ends at {bottom}, under the bar"
            checked += 1
    assert checked >= 10


def test_skip_link_goes_to_the_page_and_the_bar_comes_after_it(new_page, member):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto("/concerns")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the main part of the page")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the first thing on the page, not the bar
    assert page.evaluate("!!document.activeElement.closest('main')")
    # The bar is last: going back from the top of the page reaches it.
    page.goto("/concerns")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("!!document.activeElement.closest('nav.bottom-bar')")


def test_a_wide_screen_has_the_top_menu_and_no_bar(new_page, member):
    page = new_page(DESKTOP)
    sign_in(page, "sam", PASSWORD)
    expect(page.locator(BAR)).to_be_hidden()
    menu = page.get_by_role("navigation", name="Menu")
    for name in ["Home", "What's new", "What's on", "Concerns", "Help", "Me"]:
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(menu.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("button", name="Cymraeg")).to_be_visible()
    page.goto("/me")  # one language switch on the screen, the top one
    expect(page.get_by_role("button", name="Cymraeg")).to_have_count(1)


def test_the_heading_check_catches_a_page_that_starts_low(new_page):
    page = new_page(PHONE)
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Low</title></head><body>'
        '<div style="height:400px"></div><h1>Low</h1></body></html>'
    )
    assert any("heading starts 4" in problem for problem in page_problems(page, "en"))


def test_the_bar_count_follows_the_menu_refresh(app, new_page, member_world, member):
    from portal.notices.services import mark_read

    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    bar = page.get_by_role("navigation", name="Main places")
    expect(bar.locator(".badge")).to_have_text("2 new")
    with app.app_context():
        mark_read(member.id)
        db.session.commit()
    # What an action elsewhere sends (HX-Trigger): the hidden top menu asks, the bar follows.
    page.evaluate("htmx.trigger(document.body, 'notices-changed')")
    expect(bar.locator(".badge")).to_have_count(0)
    expect(bar.get_by_role("link", name="What's new", exact=True)).to_be_visible()
