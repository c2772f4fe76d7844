"""Signing out takes the words kept on this phone with it (issue 12): the next person on a
shared phone must not find the last person's unsent concern in localStorage."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, sign_in
from tests.factories import PASSWORD, create_board

KEPT = "Object.keys(localStorage).filter(k => /^cg-(keep|kept-at):/.test(k))"


def test_words_typed_in_a_concern_are_gone_from_the_phone_after_signing_out(new_page, member):
    board = create_board("Getting about", picture="bus")
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{board.id}/raise")
    page.get_by_label("What is the problem?").fill("My neighbour shouts at me")
    mine = f"cg-keep:{member.id}-raise-{board.id}:title"
    assert page.evaluate("key => localStorage.getItem(key)", mine) == "My neighbour shouts at me"
    # Words another person left: from 3 days ago (past the keep limit), and from today.
    page.evaluate(
        """() => {
            const day = 24 * 3600 * 1000;
            localStorage.setItem("cg-keep:998-raise-1:title", "Old words");
            localStorage.setItem("cg-kept-at:998-raise-1", String(Date.now() - 3 * day));
            localStorage.setItem("cg-keep:999-raise-1:title", "Fresh words");
            localStorage.setItem("cg-kept-at:999-raise-1", String(Date.now() - 1000));
        }"""
    )
    page.get_by_role("navigation").get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert sorted(page.evaluate(KEPT)) == ["cg-keep:999-raise-1:title", "cg-kept-at:999-raise-1"]
