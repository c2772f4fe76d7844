"""Every page reachable from the menu, for every role, at phone widths (and on a wide screen):
accessible and easy read.

New pages are found by following links, so they are checked without changing this file.
"""

from __future__ import annotations

import pytest

from portal.demo import DEMO_ACCOUNTS, load_demo_data
from portal.extensions import db
from tests.browser.conftest import DESKTOP, NARROW, PHONE, choose_language, sign_in
from tests.browser.page_checks import walk_and_check

ROLES = [None, "member", "co_trainer", "staff"]
# The first demo account of each role; the pages are walked with the demo data a newcomer sees.
DEMO_LOGIN = {}
for _role, _username, _password, *_ in DEMO_ACCOUNTS:
    DEMO_LOGIN.setdefault(_role.value, (_username, _password))
SUSPENDED_LOGIN = next((name, word) for _, name, word, *_ in DEMO_ACCOUNTS if name == "megan")


@pytest.fixture
def demo_data(app):
    with app.app_context():
        assert load_demo_data()
        db.session.commit()


def _report(report: dict[str, list]) -> str:
    return "\n".join(
        f"{url}\n  " + "\n  ".join(problems) for url, problems in report.items() if problems
    )


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["360px", "320px"])
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "signed-out")
def test_every_page_passes_for_every_role(new_page, live_server, demo_data, role, viewport):
    page = new_page(viewport)
    if role:
        sign_in(page, *DEMO_LOGIN[role])
    report = walk_and_check(page, live_server, expected_lang="en")
    assert len(report) >= 3, f"the walker found too few pages: {list(report)}"
    assert not any(report.values()), _report(report)


# Lines grow too long only on a wide screen. Staff see every page a co-trainer sees.
@pytest.mark.parametrize("role", [None, "member", "staff"], ids=lambda role: role or "signed-out")
def test_every_page_passes_on_a_wide_screen(new_page, live_server, demo_data, role):
    page = new_page(DESKTOP)
    if role:
        sign_in(page, *DEMO_LOGIN[role])
    report = walk_and_check(page, live_server, expected_lang="en")
    assert not any(report.values()), _report(report)


@pytest.mark.parametrize("role", [None, "staff"], ids=lambda role: role or "signed-out")
def test_every_page_passes_in_welsh(new_page, live_server, demo_data, role):
    page = new_page(PHONE)
    if role:
        sign_in(page, *DEMO_LOGIN[role])
    choose_language(page, "Cymraeg")
    assert page.evaluate("document.documentElement.lang") == "cy"
    report = walk_and_check(page, live_server, expected_lang="cy")
    assert not any(report.values()), _report(report)
    choose_language(page, "English")
    assert page.evaluate("document.documentElement.lang") == "en"


def test_error_pages_pass_too(new_page, live_server):
    from tests.browser.page_checks import page_problems

    page = new_page(PHONE)
    page.goto("/no-such-page")
    assert page_problems(page, "en") == []


# The walk signs in as the first demo account of each role, so it never sees what a member
# stopped from posting sees: check those pages as the demo member staff stopped (megan).
@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["360px", "320px"])
def test_concern_pages_pass_for_a_member_stopped_from_posting(new_page, demo_data, viewport):
    from playwright.sync_api import expect

    from tests.browser.page_checks import page_problems

    page = new_page(viewport)
    sign_in(page, *SUSPENDED_LOGIN)
    reason = "Why: You wrote unkind replies to other members."
    problems = {}
    page.goto("/concerns")
    expect(page.get_by_text(reason)).to_be_visible()
    problems[page.url] = page_problems(page, "en")
    page.get_by_role("link", name="Getting about").click()
    expect(page.get_by_role("link", name="Raise a concern")).to_have_count(0)
    problems[page.url] = page_problems(page, "en")
    page.get_by_role("link", name="Bus tickets cost too much").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bus tickets cost too much")
    expect(page.get_by_role("button", name="Add my reply")).to_have_count(0)
    expect(page.get_by_text("You cannot support a concern for now.")).to_be_visible()
    problems[page.url] = page_problems(page, "en")  # with her reply that staff hid
    assert not any(problems.values()), _report(problems)
