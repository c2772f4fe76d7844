"""Every page reachable from the menu, for every role, at phone widths: accessible and easy read.

New pages are found by following links, so they are checked without changing this file.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import NARROW, PHONE, sign_in
from tests.browser.page_checks import walk_and_check
from tests.factories import PASSWORD

ROLES = [None, "member", "co_trainer", "staff"]


def _report(report: dict[str, list]) -> str:
    return "\n".join(
        f"{url}\n  " + "\n  ".join(problems) for url, problems in report.items() if problems
    )


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["360px", "320px"])
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "signed-out")
def test_every_page_passes_for_every_role(new_page, live_server, users_by_role, role, viewport):
    page = new_page(viewport)
    if role:
        sign_in(page, users_by_role[role].username, PASSWORD)
    report = walk_and_check(page, live_server, expected_lang="en")
    assert len(report) >= 3, f"the walker found too few pages: {list(report)}"
    assert not any(report.values()), _report(report)


@pytest.mark.parametrize("role", [None, "staff"], ids=lambda role: role or "signed-out")
def test_every_page_passes_in_welsh(new_page, live_server, users_by_role, role):
    page = new_page(PHONE)
    if role:
        sign_in(page, users_by_role[role].username, PASSWORD)
    page.goto("/")
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "cy"
    report = walk_and_check(page, live_server, expected_lang="cy")
    assert not any(report.values()), _report(report)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"


def test_error_pages_pass_too(new_page, live_server):
    from tests.browser.page_checks import page_problems

    page = new_page(PHONE)
    page.goto("/no-such-page")
    assert page_problems(page, "en") == []
