"""Agendas in a real browser: live updates between two co-trainers and from members, and what
the page says when live updates cannot work (signed out, a hung or refused request)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.agenda_helpers import (
    LIVE,
    SIGNED_OUT,
    make_training,
    open_editor,
    two_editors,
)
from tests.browser.conftest import PHONE, sign_in
from tests.factories import (
    PASSWORD,
    create_agenda_item,
)


def test_one_edits_the_other_sees_it_within_5_seconds(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    item = create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    alex, dev = two_editors(new_page, session)
    dev.evaluate("window.notReloaded = true")

    row = alex.locator(f"#item-{item.id}")
    row.get_by_role("link", name="Change Break").click()
    expect(row.get_by_label("What is this part called?")).to_be_visible()
    expect(dev.locator("#agenda-presence")).to_contain_text(
        "Alex Rivera is changing \u2018Break\u2019.", timeout=LIVE
    )
    row.get_by_label("What is this part called?").fill("Tea and biscuits")
    row.get_by_role("button", name="Save").click()
    expect(alex.locator(f"#item-{item.id}")).to_contain_text("Tea and biscuits")
    expect(dev.locator(f"#item-{item.id}")).to_contain_text("Tea and biscuits", timeout=LIVE)
    # Said in the status area too, for people who cannot see the list change.
    expect(dev.locator("#agenda-status")).to_have_text("Alex Rivera changed Tea and biscuits.")
    assert dev.evaluate("window.notReloaded") is True


def test_letting_members_see_it_shows_for_the_other_co_trainer_too(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    create_agenda_item(session.id, title="Welcome", kind="talk", minutes=15)
    alex, dev = two_editors(new_page, session)
    dev.evaluate("window.notReloaded = true")
    publish = dev.locator("#agenda-publish")
    expect(publish).to_contain_text("This is a draft.")
    publish.get_by_role("button", name="Let members see it").focus()

    alex.get_by_role("button", name="Let members see it").click()
    expect(alex.locator("#agenda-publish")).to_contain_text("Members can see this agenda.")
    expect(publish).to_contain_text("Members can see this agenda.", timeout=LIVE)
    # Dev's focus was on the button that went: it moves to the card's heading, not onto a
    # button that would do something else.
    expect(publish.get_by_role("heading", name="Who can see it")).to_be_focused()
    assert dev.evaluate("window.notReloaded") is True


def test_a_members_idea_shows_up_live_and_a_reply_being_typed_stays(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    alex = new_page(PHONE)
    sign_in(alex, "alex", PASSWORD)
    alex.goto(f"/agendas/session/{session.id}")
    alex.evaluate("window.notReloaded = true")
    sam = new_page(PHONE)
    sign_in(sam, "sam", PASSWORD)

    def suggest(title):
        sam.goto(f"/agendas/session/{session.id}/suggest")
        sam.get_by_label("I want to talk about").fill(title)
        sam.get_by_role("button", name="Send my idea").click()
        expect(sam.locator(".messages")).to_contain_text("Thank you.")

    suggest("Buses to the centre")
    ideas = alex.locator("#agenda-suggestions")
    expect(ideas).to_contain_text("wants to talk about Buses to the centre.", timeout=LIVE)
    first = ideas.locator("form").first
    first.get_by_label("Your answer to them").fill("Good idea")
    suggest("Loud music at night")
    expect(ideas).to_contain_text("Loud music at night", timeout=LIVE)
    expect(first.get_by_label("Your answer to them")).to_have_value("Good idea")
    first.get_by_role("button", name="Put it on the agenda").click()
    expect(alex.locator("#agenda-items")).to_contain_text("Buses to the centre")
    expect(ideas).not_to_contain_text("Buses to the centre")
    expect(ideas).to_contain_text("Loud music at night")
    assert alex.evaluate("window.notReloaded") is True


def test_live_updates_say_when_you_are_signed_out(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    page = open_editor(new_page, session)
    page.evaluate("window.notReloaded = true")
    page.context.clear_cookies(name="cg_session")
    expect(page.locator("#connection-status")).to_have_text(SIGNED_OUT, timeout=LIVE)
    expect(page.locator("h1")).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True


def test_a_refresh_in_the_background_never_leaves_the_page_when_signed_out(new_page, users_by_role):
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.goto("/help")
    page.context.clear_cookies(name="cg_session")
    with page.expect_response("**/whats-new/count"):
        page.evaluate("document.body.dispatchEvent(new Event('notices-changed'))")
    expect(page.locator("#connection-status")).to_have_text(SIGNED_OUT)
    expect(page).to_have_url(re.compile(r"/help$"))
    expect(page.locator("h1")).to_have_count(1)


def test_a_hung_live_update_gives_up_and_live_updates_carry_on(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    hung = []

    def hang_the_first(route):
        if hung:
            route.continue_()
        else:
            hung.append(route)  # never answered, like a request lost on a phone network

    page.route("**/live?*", hang_the_first)
    page.goto(f"/agendas/session/{session.id}")
    with page.expect_request("**/live?*"):
        pass
    create_agenda_item(session.id, title="Games")
    # Given up after 10 seconds, then asked again.
    expect(page.locator("#agenda-items")).to_contain_text("Games", timeout=20_000)


def test_a_refused_live_update_says_so(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.route("**/live?*", lambda route: route.fulfill(status=403, body=""))
    page.goto(f"/agendas/session/{session.id}")
    expect(page.locator("#connection-status")).to_have_text(
        "You cannot change this agenda now.", timeout=LIVE
    )


def test_a_live_update_leaves_your_focus_and_your_typing_where_they_were(new_page, users_by_role):
    """Moving a part in the page takes focus off it: a live update moves only what changed."""
    session, _ = make_training(users_by_role)
    welcome = create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    quiz = create_agenda_item(session.id, title="Quiz", kind="game")
    alex, dev = two_editors(new_page, session)
    change_quiz = alex.locator(f"#item-{quiz.id}").get_by_role("link", name="Change Quiz")
    change_quiz.focus()

    def dev_renames(old: str, new: str) -> None:
        row = dev.locator(f"#item-{games.id}")
        row.get_by_role("link", name=f"Change {old}").click()
        row.get_by_label("What is this part called?").fill(new)
        row.get_by_role("button", name="Save").click()
        expect(alex.locator(f"#item-{games.id}")).to_contain_text(new, timeout=LIVE)

    # Dev renames another part: Alex sees it, and is still on the link he was on.
    dev_renames("Games", "Board games")
    expect(change_quiz).to_be_focused()
    # Alex is typing in a part when Dev's next change comes: he types on, in the same place.
    welcome_row = alex.locator(f"#item-{welcome.id}")
    welcome_row.get_by_role("link", name="Change Welcome").click()
    field = welcome_row.get_by_label("What is this part called?")
    field.fill("Welcome and hello")
    field.press("Home")
    dev_renames("Board games", "Card games")
    expect(field).to_be_focused()
    alex.keyboard.type("A big ")
    expect(field).to_have_value("A big Welcome and hello")


def _hold_the_next_live_update(page) -> tuple:
    """The next live update, answered by the server now and passed on to the page later."""
    held = []
    page.route("**/live?*", lambda route: held.append((route, route.fetch())))
    for _ in range(50):
        if held:
            return held[0]
        page.wait_for_timeout(100)
    raise AssertionError("no live update was asked for in 5 seconds")


@pytest.mark.parametrize("asked", ["before the Undo was sent", "while the Undo was on its way"])
def test_a_live_update_from_before_your_undo_does_not_take_it_back(new_page, users_by_role, asked):
    """The server answers a live update, then your Undo; the update reaches the phone last.

    Shown, it would take the part off again and focus with it (until the next update), as
    happened now and then in CI. It is dropped, and the next update asks for everything."""
    session, _ = make_training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    quiz = create_agenda_item(session.id, title="Quiz", kind="game")
    page = open_editor(new_page, session)
    quiz_row = page.locator(f"#item-{quiz.id}")
    quiz_row.get_by_role("button", name="Delete Quiz").press("Enter")
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    if asked == "before the Undo was sent":
        route, answered_before = _hold_the_next_live_update(page)
        undo.press("Enter")
    else:
        put_back = []
        page.route("**/put-back", lambda held: put_back.append(held))
        undo.press("Enter")
        route, answered_before = _hold_the_next_live_update(page)
        assert len(put_back) == 1
        put_back[0].continue_()
    expect(quiz_row.get_by_role("heading")).to_be_focused()
    assert "Quiz" not in answered_before.text()
    route.fulfill(response=answered_before)
    page.unroute("**/live?*")  # only now: taking the route off sends what it holds on
    # The next update comes only after the held one is dealt with.
    with page.expect_response("**/live?*", timeout=LIVE):
        pass
    expect(page.locator("#agenda-items > li").nth(1)).to_contain_text("Quiz")
    expect(quiz_row.get_by_role("heading")).to_be_focused()
