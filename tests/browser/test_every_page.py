"""Every page reachable from the menu, for every role, at phone widths (and on a wide screen):
accessible and easy read.

New pages are found by following links, so they are checked without changing this file.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.demo import DEMO_ACCOUNTS, load_demo_data
from portal.extensions import db
from portal.words.services import load_starting_words
from tests.browser.conftest import DESKTOP, NARROW, PHONE, choose_language, sign_in
from tests.browser.page_checks import AXE_WORDING_TAGS, page_problems, walk_and_check

# "helping": the demo supporter (kim) helping Sam, who allowed everything.
ROLES = [None, "member", "co_trainer", "staff", "supporter", "helping"]
# The first demo account of each role; the pages are walked with the demo data a newcomer sees.
DEMO_LOGIN = {}
for _role, _username, _password, *_ in DEMO_ACCOUNTS:
    DEMO_LOGIN.setdefault(_role.value, (_username, _password))
SUSPENDED_LOGIN = next((name, word) for _, name, word, *_ in DEMO_ACCOUNTS if name == "megan")


@pytest.fixture
def demo_data(app):
    with app.app_context():
        assert load_demo_data()
        # The glossary, as upgrading fills it: the walk checks pages with their words marked.
        load_starting_words()
        db.session.commit()


def _report(report: dict[str, list]) -> str:
    return "\n".join(
        f"{url}\n  " + "\n  ".join(problems) for url, problems in report.items() if problems
    )


# Lines grow too long only on a wide screen, where the top menu shows too. Staff see every
# page a co-trainer sees; a supporter's pages are a member's.
WIDE_TOO = {None, "member", "staff"}


# One walk checks each page at 360px, then resized to 320px (and, for some roles, to a wide
# screen) on the same loaded page: every width, for the page loads of one walk.
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "signed-out")
def test_every_page_passes_for_every_role(new_page, live_server, demo_data, walked_html, role):
    page = new_page(PHONE)
    if role == "helping":
        sign_in(page, *DEMO_LOGIN["supporter"])
        page.goto("/people/helping")
        page.get_by_role("button", name="Help Sam Jones").click()
        page.wait_for_load_state()
    elif role:
        sign_in(page, *DEMO_LOGIN[role])
    report = walk_and_check(
        page,
        live_server,
        "en",
        also_at=(NARROW, DESKTOP) if role in WIDE_TOO else (NARROW,),
        html=walked_html,
        name=f"{role or 'signed-out'}",
    )
    assert len(report) >= 6, f"the walker found too few pages: {list(report)}"
    if role in WIDE_TOO:
        assert any(url.endswith(f"at {DESKTOP['width']}px") for url in report)
    assert not any(report.values()), _report(report)


@pytest.mark.parametrize("role", [None, "staff"], ids=lambda role: role or "signed-out")
def test_every_page_passes_in_welsh(new_page, live_server, demo_data, walked_html, role):
    page = new_page(PHONE)
    if role:
        sign_in(page, *DEMO_LOGIN[role])
    choose_language(page, "Cymraeg")
    assert page.evaluate("document.documentElement.lang") == "cy"
    # The English walk ran every axe rule on these pages: the Welsh words need the ones about
    # names, labels and languages (and every check of words and layout).
    report = walk_and_check(
        page,
        live_server,
        "cy",
        html=walked_html,
        name=f"{role or 'signed-out'} Welsh",
        axe_only=AXE_WORDING_TAGS,
    )
    assert not any(report.values()), _report(report)
    choose_language(page, "English")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_error_pages_pass_too(new_page, live_server, walked_html):
    page = new_page(PHONE)
    page.goto("/no-such-page")
    if walked_html is not None:
        walked_html.save(page, "signed-out /no-such-page")
    assert page_problems(page, "en") == []


def _at_both_widths(page, html, problems: dict) -> None:
    if html is not None:
        html.save(page, f"megan {page.url}")
    problems[page.url] = page_problems(page, "en")
    page.set_viewport_size(NARROW)
    problems[f"{page.url} at 320px"] = page_problems(page, "en")
    page.set_viewport_size(PHONE)


# The walk signs in as the first demo account of each role, so it never sees what a member
# stopped from posting sees: check those pages as the demo member staff stopped (megan).
def test_concern_pages_pass_for_a_member_stopped_from_posting(new_page, demo_data, walked_html):
    page = new_page(PHONE)
    sign_in(page, *SUSPENDED_LOGIN)
    reason = "Why: You wrote unkind replies to other members."
    problems = {}
    page.goto("/concerns")
    expect(page.get_by_text(reason)).to_be_visible()
    _at_both_widths(page, walked_html, problems)
    page.get_by_role("link", name="Getting about").click()
    expect(page.get_by_role("link", name="Raise a concern")).to_have_count(0)
    _at_both_widths(page, walked_html, problems)
    page.get_by_role("link", name="Bus tickets cost too much").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bus tickets cost too much")
    expect(page.get_by_role("button", name="Add my reply")).to_have_count(0)
    expect(page.get_by_text("You cannot support a concern for now.")).to_be_visible()
    _at_both_widths(page, walked_html, problems)  # with her reply that staff hid
    assert not any(problems.values()), _report(problems)
