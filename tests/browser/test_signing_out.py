"""Signing out takes the words kept on this phone with it (issue 12): the next person on a
shared phone must not find the last person's unsent concern in localStorage."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, sign_in, sign_out
from tests.factories import PASSWORD, create_board

KEPT = "Object.keys(localStorage).filter(k => k.startsWith('cg-keep:')).sort()"


def test_words_typed_in_a_concern_are_gone_from_the_phone_after_signing_out(new_page, member):
    board = create_board("Getting about", picture="bus")
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{board.id}/raise")
    page.get_by_label("What is the problem?").fill("My neighbour shouts at me")
    mine = f"cg-keep:{member.id}:raise-{board.id}"
    kept = page.evaluate("key => JSON.parse(localStorage.getItem(key))", mine)
    assert kept["values"] == {"title": "My neighbour shouts at me"}
    # Words another person left: from 3 days ago (past the keep limit), and from today; and
    # words this person kept under the scheme an older version of the portal used.
    page.evaluate(
        """person => {
            const day = 24 * 3600 * 1000;
            const draft = (at, words) => JSON.stringify({at: at, values: {title: words}});
            localStorage.setItem("cg-keep:998:raise-1", draft(Date.now() - 3 * day, "Old words"));
            localStorage.setItem("cg-keep:999:raise-1", draft(Date.now() - 1000, "Fresh words"));
            localStorage.setItem(`cg-keep:agenda:${person}:agenda-new-1`, draft(Date.now(), "x"));
        }""",
        member.id,
    )
    sign_out(page)
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.wait_for_load_state()  # the page's deferred scripts have run
    assert page.evaluate(KEPT) == ["cg-keep:999:raise-1"]


def test_words_go_even_when_the_phone_was_too_slow_to_sweep_as_sign_out_was_tapped(
    new_page, member
):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto("/me")
    page.evaluate(
        """person => {
            const draft = JSON.stringify({at: Date.now(), values: {title: "Mine"}});
            localStorage.setItem(`cg-keep:${person}:raise-1`, draft);
            localStorage.setItem("cg-keep:999:raise-1", draft);
        }""",
        member.id,
    )
    # form.submit() sends the form without a submit event: as if the page's scripts had not
    # started yet, so only the next page can say whose words to throw away.
    with page.expect_navigation():
        page.evaluate("document.querySelector('main form[data-sign-out]').submit()")
    page.wait_for_load_state()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert page.evaluate(KEPT) == ["cg-keep:999:raise-1"]
    page.reload()  # the note is for one page only
    expect(page.locator("body[data-signed-out-person]")).to_have_count(0)
