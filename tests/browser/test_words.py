"""Words help in a real browser: a marked word opens its meaning in place (and is a plain link
without JavaScript), and hints appear beside the box while someone writes a concern."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from portal.words.services import load_starting_words
from tests.browser.conftest import PHONE, sign_in
from tests.factories import PASSWORD, create_board

LONG_HARD = (
    "The accommodation near the bus stop is very COLD and we have been waiting for three "
    "weeks for someone to come and fix it"
)


@pytest.fixture
def glossary(app):
    with app.app_context():
        load_starting_words()
        db.session.commit()


def test_a_tap_on_a_marked_word_shows_its_meaning_under_it(new_page, glossary):
    page = new_page(PHONE)
    page.goto("/help")
    mark = page.locator(".word-mark").first
    expect(mark).to_have_text("Staff")
    expect(mark).to_have_attribute("aria-expanded", "false")
    expect(page.locator("h2 .word-mark")).to_have_count(0)  # never in a heading
    mark.click()
    meaning = page.locator("#meaning-staff")
    expect(meaning).to_contain_text("People who work here and help members.")
    expect(meaning).to_contain_text("Ask staff if you get stuck.")
    expect(meaning).to_have_attribute("aria-live", "polite")
    expect(mark).to_have_attribute("aria-expanded", "true")
    assert page.url.endswith("/help")  # in place: the page did not change
    page.get_by_role("button", name="Close").click()
    expect(meaning).to_be_empty()
    expect(mark).to_be_focused()
    expect(mark).to_have_attribute("aria-expanded", "false")
    mark.click()  # a second tap closes it again
    expect(meaning).to_contain_text("People who work here")
    mark.click()
    expect(meaning).to_be_empty()


def test_without_javascript_a_marked_word_goes_to_its_entry(new_page, glossary):
    page = new_page(PHONE, javascript=False)
    page.goto("/help")
    page.locator(".word-mark").first.click()
    page.wait_for_url("**/words#word-staff")
    expect(page.locator("#word-staff")).to_contain_text("People who work here and help members.")


def _raise_page(page, member):
    board = create_board("Getting about", picture="bus")
    sign_in(page, member.username, PASSWORD)
    page.goto(f"/concerns/boards/{board.id}")
    page.get_by_role("link", name="Raise a concern").click()
    expect(page.get_by_text("Step 1 of 5")).to_be_visible()
    return page.get_by_label("What is the problem?")


def test_hints_appear_while_writing_a_concern(new_page, member):
    page = new_page(PHONE)
    box = _raise_page(page, member)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    box.click()
    box.press_sequentially(LONG_HARD, delay=5)
    stopped = time.monotonic()
    hints = page.locator(".writing-hints")
    expect(hints).to_contain_text("This sentence is long. Try two short ones.", timeout=1500)
    assert time.monotonic() - stopped < 1.5
    expect(hints).to_contain_text("'accommodation' is a hard word. You could say 'home'.")
    expect(hints).to_contain_text("Try not to write in CAPITALS.")
    expect(hints).to_contain_text("Write numbers as 1, 2, 3.")
    expect(hints).to_have_attribute("aria-live", "polite")
    expect(box).to_have_value(LONG_HARD)  # never changed
    expect(box).to_be_focused()  # never taken away
    assert all("/words/hints" in url for url in sent), sent  # the concern is not sent
    assert "Step 1 of 5" in page.content()

    box.fill("The bus is late.")
    expect(hints).to_be_empty(timeout=1500)
    expect(box).to_have_value("The bus is late.")


def test_a_good_sentence_gets_no_hints(new_page, member):
    page = new_page(PHONE)
    box = _raise_page(page, member)
    with page.expect_response(lambda r: "/words/hints" in r.url, timeout=5000) as answer:
        box.press_sequentially("The bus is often late.", delay=5)
    assert answer.value.status == 200
    expect(page.locator(".writing-hints")).to_be_empty()
    expect(page.locator(".writing-hints")).to_be_hidden()
