"""The page checks themselves catch what they should: a check that cannot fail proves nothing."""

from __future__ import annotations

from tests.browser.conftest import NARROW
from tests.browser.page_checks import page_problems

BAD_PAGE = """<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Other</title></head>
<body style="font-size:14px">
<h1>First</h1><h1>Second</h1>
<p style="color:#999">Pale words</p>
<button style="width:20px;height:20px;padding:0">x</button>
<div style="width:600px">Too wide</div>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</body></html>"""


def test_checks_find_every_kind_of_problem(new_page):
    page = new_page(NARROW)
    page.set_content(BAD_PAGE)
    problems = "\n".join(page_problems(page, expected_lang="cy"))
    assert "axe color-contrast" in problems
    assert "axe image-alt" in problems
    assert "target under 44px" in problems
    assert "text under 18.67px" in problems
    assert "sideways scroll" in problems
    assert "2 h1 elements" in problems
    assert "html lang is 'en', expected 'cy'" in problems
