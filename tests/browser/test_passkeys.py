"""Passkeys in a real browser, with Chromium's virtual authenticator standing in for a phone's
fingerprint reader (Chrome DevTools Protocol, WebAuthn domain).

A passkey cannot belong to an address like 127.0.0.1, so these pages are opened as localhost:
the relying party ID then follows the host, as it does in production.
"""

# After each page change we wait for its "load" event, so no picture is still on its way when
# the next click or the end of the test cuts it off (werkzeug then warns about an open file).

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, sign_out
from tests.browser.page_checks import page_problems
from tests.factories import PASSWORD


@pytest.fixture
def local(app, live_server, monkeypatch):
    """local("/path"): the address of a page on the portal, as localhost.

    Outside development passkeys belong to PORTAL_URL's host (the served 127.0.0.1 here), so
    these tests name the site as an operator would with WEBAUTHN_RP_ID and WEBAUTHN_ORIGIN."""
    base = live_server.replace("127.0.0.1", "localhost")
    monkeypatch.setitem(app.config, "WEBAUTHN_RP_ID", "localhost")
    monkeypatch.setitem(app.config, "WEBAUTHN_ORIGIN", base)
    return lambda path: base + path


def _sign_in(page, local, username):
    page.goto(local("/sign-in"))
    page.get_by_label("Your username").fill(username)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_text("You are signed in as")).to_be_visible()
    page.wait_for_load_state()


def _virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def _add_passkey(page, local):
    page.goto(local("/"))
    page.get_by_role("link", name="Your ways to sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ways to sign in")
    page.wait_for_load_state()
    assert page_problems(page, "en") == []
    page.get_by_role("button", name="Add a passkey on this phone").click()
    expect(page.get_by_text("Your passkey is ready.")).to_be_visible()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Take away this passkey")).to_have_count(1)
    page.wait_for_load_state()


def _sign_out(page):
    sign_out(page)
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.wait_for_load_state()


def test_add_a_passkey_then_sign_in_with_one_tap(new_page, local, users_by_role):
    page = new_page(PHONE)
    _virtual_authenticator(page)
    _sign_in(page, local, "sam")
    _add_passkey(page, local)
    _sign_out(page)

    page.goto(local("/sign-in"))
    assert page_problems(page, "en") == []
    # No username: the passkey itself says who this is.
    page.get_by_role("button", name="Use your passkey").click()
    expect(page.get_by_text("You are signed in as Sam Jones.")).to_be_visible()
    page.wait_for_load_state()


def test_a_removed_passkey_signs_out_and_stops_working(new_page, local, users_by_role):
    page = new_page(PHONE)
    _virtual_authenticator(page)
    _sign_in(page, local, "sam")
    _add_passkey(page, local)
    _sign_out(page)
    page.goto(local("/sign-in"))
    page.get_by_role("button", name="Use your passkey").click()
    expect(page.get_by_text("You are signed in as Sam Jones.")).to_be_visible()
    page.wait_for_load_state()

    # Sam removes the passkey from another phone, signed in with a password.
    other = new_page(PHONE)
    _sign_in(other, local, "sam")
    other.goto(local("/my-sign-in"))
    other.get_by_role("button", name="Take away this passkey").click()
    expect(other.get_by_text("The passkey is gone.")).to_be_visible()
    other.wait_for_load_state()

    page.reload()
    expect(page.get_by_text("You are signed in as")).to_have_count(0)
    page.wait_for_load_state()
    page.goto(local("/sign-in"))
    page.get_by_role("button", name="Use your passkey").click()
    expect(page.get_by_text("That passkey did not work. Try another way.")).to_be_visible()
    page.wait_for_load_state()


def test_the_username_box_offers_the_passkey(new_page, local, users_by_role):
    page = new_page(PHONE)
    _virtual_authenticator(page)
    _sign_in(page, local, "sam")
    _add_passkey(page, local)
    _sign_out(page)
    page.goto(local("/sign-in"))
    assert page.get_by_label("Your username").get_attribute("autocomplete") == "username webauthn"
    # The virtual authenticator picks the offered passkey at once, as a person would tap it.
    page.get_by_label("Your username").focus()
    expect(page.get_by_text("You are signed in as Sam Jones.")).to_be_visible()
    page.wait_for_load_state()


def test_without_javascript_the_sign_in_page_hides_the_passkey_button(new_page):
    page = new_page(PHONE, javascript=False)
    page.goto("/sign-in")
    expect(page.get_by_role("button", name="Use your passkey")).to_be_hidden()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Sign in with your card")).to_be_visible()
    page.wait_for_load_state()
