"""The shell and staff's people pages in a real browser: keyboard, htmx, and no JavaScript."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, choose_language, sign_in
from tests.factories import PASSWORD


def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(new_page):
    page = new_page(PHONE)
    page.goto("/help")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the main part of the page")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_sign_in_with_the_keyboard_alone(new_page, member):
    page = new_page(PHONE)
    page.goto("/sign-in")
    page.get_by_label("Your username").focus()
    page.keyboard.type("sam")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_text("You are signed in as Sam Jones.")).to_be_visible()


def test_pasting_a_password_works(new_page, member):
    page = new_page(PHONE)
    page.goto("/sign-in")
    page.get_by_label("Your username").fill("sam")
    field = page.get_by_label("Your password")
    field.focus()
    page.evaluate(
        """(text) => {
        const data = new DataTransfer(); data.setData('text/plain', text);
        const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
        const allowed = document.activeElement.dispatchEvent(event);
        if (allowed) document.execCommand('insertText', false, text);
    }""",
        PASSWORD,
    )
    assert field.input_value() == PASSWORD
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("You are signed in as Sam Jones.")).to_be_visible()


def test_staff_search_updates_the_list_without_reloading(new_page, users_by_role):
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto("/people")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Find a person").fill("rivera")
    expect(page.locator("#people-list")).not_to_contain_text("Sam Jones")
    expect(page.locator("#people-list")).to_contain_text("Alex Rivera")
    assert page.evaluate("window.notReloaded") is True
    expect(page).to_have_url(re.compile(r"/people\?q=rivera$"))


def test_turning_an_account_off_and_on_with_htmx(new_page, users_by_role):
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto("/people")
    page.evaluate("window.notReloaded = true")
    row = page.locator(f"#person-{users_by_role['member'].id}")
    row.get_by_role("button", name="Turn off account for Sam Jones").click()
    expect(row).to_contain_text("Sam Jones cannot sign in now.")
    row.get_by_role("button", name="Turn on account for Sam Jones").click()
    expect(row).to_contain_text("Sam Jones can sign in now.")
    assert page.evaluate("window.notReloaded") is True


def test_turning_an_account_off_without_javascript(new_page, users_by_role):
    page = new_page(PHONE, javascript=False)
    sign_in(page, "jo", PASSWORD)
    page.goto("/people")
    page.get_by_role("button", name="Turn off account for Sam Jones").click()
    expect(page.get_by_role("status")).to_contain_text("Sam Jones cannot sign in now.")
    expect(page.get_by_role("button", name="Turn on account for Sam Jones")).to_be_visible()


def test_search_and_language_switch_without_javascript(new_page, users_by_role):
    page = new_page(PHONE, javascript=False)
    sign_in(page, "jo", PASSWORD)
    page.goto("/people")
    page.get_by_label("Find a person").fill("rivera")
    page.get_by_role("button", name="Find", exact=True).click()
    expect(page.locator("#people-list")).not_to_contain_text("Sam Jones")
    # On a phone the switch is on the Me page; it brings you back to the page you were on.
    choose_language(page, "Cymraeg")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fi")
    page.goto("/people")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pobl")


def test_a_failed_htmx_request_is_told_not_silent(new_page, users_by_role):
    page = new_page(PHONE)
    sign_in(page, "jo", PASSWORD)
    page.goto("/people")
    page.route("**/people/*/active", lambda route: route.abort())
    page.get_by_role("button", name="Turn off account for Sam Jones").click()
    expect(page.get_by_role("alert")).to_contain_text("We could not reach the portal.")
