"""Supporters in a real browser: saying yes with pictures, helping with the banner, and a
page already open when the member stops the help (htmx is refused and shows the message)."""

from __future__ import annotations

from playwright.sync_api import expect

from portal.accounts.helping import SupportLink
from portal.sessions.models import Booking
from tests.browser.conftest import PHONE, sign_in
from tests.browser.page_checks import page_problems
from tests.factories import PASSWORD, create_session, create_user, fetch
from tests.people.support_helpers import link, rows


def test_the_member_says_yes_on_an_easy_read_page(new_page, member):
    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    asked = link(member, kim, confirmed=False)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto("/people/supporters")
    assert page_problems(page, "en") == []
    page.get_by_role("link", name="Say yes or no").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Do you want help from Kim Evans?")
    assert page_problems(page, "en") == []
    page.get_by_label("Raise concerns, support them and write replies").uncheck()
    page.get_by_role("button", name="Yes, they can help me").click()
    expect(page.get_by_text("Kim Evans can help you now.")).to_be_visible()
    assert page.url.endswith("/people/supporters")
    said_yes = fetch(SupportLink, asked.id)
    assert said_yes.confirmed_at is not None
    assert said_yes.scopes == ["see", "coming", "agenda"]


def test_helping_then_the_member_stops_it_while_the_page_is_open(new_page, member, browser):
    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    chosen = link(member, kim)
    session = create_session(title="Walk round the park")
    page = new_page(PHONE)
    sign_in(page, "kim", PASSWORD)
    page.goto("/people/helping")
    page.get_by_role("button", name="Help Sam Jones").click()
    expect(page.get_by_text("You are helping Sam Jones.")).to_be_visible()
    page.goto(f"/sessions/{session.id}")
    assert page_problems(page, "en") == []
    # Sam, on his own phone, stops Kim's help while Kim's page is open.
    sam_page = new_page(PHONE)
    sign_in(sam_page, "sam", PASSWORD)
    sam_page.goto("/people/supporters")
    sam_page.get_by_role("button", name="Stop their help").click()
    expect(sam_page.get_by_text("Kim Evans cannot help you now.")).to_be_visible()
    page.get_by_role("button", name="I'm coming").first.click()
    expect(page.get_by_text("You cannot help Sam Jones now. The help was stopped.")).to_be_visible()
    expect(page.get_by_text("You are helping")).to_have_count(0)
    assert page.url.endswith("/people/helping")
    assert fetch(SupportLink, chosen.id).stopped_at is not None
    assert rows(Booking, session_id=session.id) == []
