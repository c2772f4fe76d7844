"""Agendas in a real browser: moving parts, with the buttons (also without JavaScript) and by
dragging, seen by both co-trainers."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.agenda_helpers import (
    LIVE,
    make_training,
    two_editors,
)
from tests.browser.conftest import PHONE, sign_in
from tests.factories import (
    PASSWORD,
    create_agenda_item,
)


def test_a_reorder_shows_up_for_both(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    alex, dev = two_editors(new_page, session)
    alex.locator(f"#item-{games.id}").get_by_role("button", name="Move up Games").click()
    for page, wait in ((alex, 10_000), (dev, LIVE)):
        expect(page.locator("#agenda-items > li").first).to_contain_text("Games", timeout=wait)
    expect(dev.locator("#agenda-items > li").first).to_contain_text("10am")


def test_moving_without_javascript(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    page = new_page(PHONE, javascript=False)
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    page.locator(f"#item-{games.id}").get_by_role("button", name="Move up Games").click()
    expect(page.locator(".messages")).to_contain_text("You moved Games.")
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games")


DRAG = """([from, to]) => {
    const source = document.getElementById(from), target = document.getElementById(to);
    const data = new DataTransfer();
    const fire = (element, type) => element.dispatchEvent(
        new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
    fire(source, 'dragstart'); fire(target, 'dragover'); fire(target, 'drop'); fire(source, 'dragend');
}"""


def test_dragging_an_item_moves_it(new_page, users_by_role):
    """Drives the page's own drag handlers with the events a real drag sends (Playwright's mouse
    drag does not start HTML5 drag-and-drop in headless Chromium)."""
    session, _ = make_training(users_by_role)
    welcome = create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    expect(page.locator(f"#item-{games.id}")).to_have_attribute("draggable", "true")
    page.evaluate(DRAG, [f"item-{games.id}", f"item-{welcome.id}"])
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games", timeout=10_000)
    expect(page.locator("#agenda-status")).to_have_text("You moved Games.")
    page.reload()
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games")
    # A move the server refuses is said, not dropped in silence.
    page.route("**/move", lambda route: route.fulfill(status=500, body=""))
    page.evaluate(DRAG, [f"item-{games.id}", f"item-{welcome.id}"])
    expect(page.locator("#connection-status")).to_have_text("That did not work. Please try again.")
