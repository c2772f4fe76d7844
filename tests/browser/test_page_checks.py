"""The page checks themselves catch what they should: a check that cannot fail proves nothing."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import DESKTOP, NARROW, PHONE
from tests.browser.html_checks import PageStore, checker_missing, html_problems
from tests.browser.page_checks import page_problems
from tests.browser.text_checks import text_problems

BAD_PAGE = """<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Other</title></head>
<body style="font-size:14px">
<h1>First</h1><h1>Second</h1>
<p style="color:#999">Pale words</p>
<button style="width:20px;height:20px;padding:0">x</button>
<div style="width:600px">Too wide</div>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</body></html>"""

HARD = (
    "Notwithstanding organisational considerations, authentication necessitates comprehensive "
    "verification. "
)
LONG_LINE = "We meet on Monday at the hall and we talk about the things that matter to us all week."
# Each paragraph breaks one rule; the page as a whole reads far too hard.
BAD_WORDS_PAGE = f"""<!doctype html><html lang="en"><head><title>Words</title></head>
<body style="font-size:20px; line-height:1.5; font-family:sans-serif">
<main>
<h1>Words</h1>
<p>{HARD * 10}</p>
<p>This sentence goes on and on with one word after another until it has far too many words in it.</p>
<p><em>Slanted words</em> are hard to read.</p>
<p style="text-transform:uppercase">Shouting by style</p>
<p>Come to the meeting. It is IMPORTANT.</p>
<p style="line-height:1.2; max-width:20rem">{LONG_LINE}</p>
<p style="text-align:justify; max-width:20rem">{LONG_LINE}</p>
<p>{LONG_LINE}</p>
</main>
</body></html>"""

# Easy words, set well, on a wide screen. The hard words inside <bdi> are someone's own words,
# and a code in capitals is a code: neither is the page's to fix.
GOOD_WORDS_PAGE = f"""<!doctype html><html lang="en"><head><title>Words</title></head>
<body style="font-size:20px; line-height:1.5; font-family:sans-serif">
<main style="max-width:30rem">
<h1>Come to our meeting</h1>
{"<p>We meet on Monday. We talk about what matters to you. You can bring a friend.</p>" * 8}
<p>Sam wrote: <bdi>{HARD * 3}IT IS VERY IMPORTANT TO ME.</bdi></p>
<p>Your code is <code>PARK 7TEA</code>.</p>
</main>
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
    assert "no meta description" in problems


def test_word_checks_find_every_kind_of_problem(new_page):
    page = new_page(DESKTOP)
    page.set_content(BAD_WORDS_PAGE)
    problems = "\n".join(text_problems(page, expected_lang="en"))
    assert "reading ease" in problems
    assert "reading grade" in problems
    assert "sentence of 19 words" in problems
    assert 'italic text: em "Slanted words"' in problems
    assert 'capitals by CSS: p "Shouting by style"' in problems
    assert "word in capitals: 'IMPORTANT'" in problems
    assert "line height 1.20" in problems
    assert "justified text" in problems
    assert "lines of up to" in problems
    # The formulas are for English: a Welsh page is not scored.
    assert "reading" not in "\n".join(text_problems(page, expected_lang="cy"))


def test_word_checks_pass_easy_words_set_well(new_page):
    page = new_page(DESKTOP)
    page.set_content(GOOD_WORDS_PAGE)
    assert text_problems(page, expected_lang="en") == []


# A link alone on its line is a target; a link inside a sentence may be as tall as its line.
LINKS_PAGE = """<!doctype html><html lang="en"><head><title>Links</title></head>
<body style="font-size:20px; line-height:1.2">
<p><a id="alone" href="/credits">Who made the pictures</a></p>
<p>Read <a id="inline" href="/help">the help page</a> to find out more.</p>
<p><a id="tall" href="/help" style="display:inline-block; min-height:44px; min-width:44px">Help</a></p>
</body></html>"""


def test_target_check_finds_a_small_link_on_its_own_line(new_page):
    page = new_page(NARROW)
    page.set_content(LINKS_PAGE)
    small = [line for line in page_problems(page, "en") if line.startswith("target under 44px")]
    assert len(small) == 1, small
    assert 'id="alone"' in small[0]


def test_target_check_fails_the_old_footer(new_page, live_server):
    """The footer link as it was before it became a 44px target (24px tall) fails the check."""
    page = new_page(PHONE)
    page.goto("/help")
    assert not [p for p in page_problems(page, "en") if "Who made the pictures" in p]
    page.eval_on_selector(".site-footer a", "a => a.removeAttribute('class')")
    problems = [p for p in page_problems(page, "en") if p.startswith("target under 44px")]
    assert any("Who made the pictures" in p for p in problems), problems


INVALID_HTML = """<!doctype html><html lang="en"><head><title>Two boxes</title></head><body>
<form hx-post="/reply"><label for="words">Your reply</label><textarea id="words" name="words"></textarea></form>
<form><label for="words">Tell people</label><textarea id="words" name="words"></textarea></form>
<select name="reason" required><option value="unkind">Unkind</option></select>
</body></html>"""
VALID_HTML = """<!doctype html><html lang="en"><head><title>One box</title></head><body>
<form hx-post="/reply" hx-target="#words"><label for="words">Your reply</label>
<textarea id="words" name="words"></textarea></form></body></html>"""


def test_html_checker_finds_invalid_pages(tmp_path):
    missing = checker_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI checks the HTML: {missing}")
        pytest.skip(f"The HTML of walked pages is not checked here. {missing}")
    (tmp_path / "bad.html").write_text(INVALID_HTML)
    (tmp_path / "good.html").write_text(VALID_HTML)
    found = html_problems(tmp_path)
    assert list(found) == ["bad.html"], found  # htmx's hx-* attributes are allowed
    problems = "\n".join(found["bad.html"])
    assert "Duplicate ID “words”" in problems
    assert "must have either an empty “value” attribute" in problems


def test_page_store_names_each_page(new_page, tmp_path):
    if checker_missing():
        pytest.skip(checker_missing())
    page = new_page(NARROW)
    store = PageStore(tmp_path)
    page.set_content(INVALID_HTML)
    store.save(page, "staff /concerns/5")
    page.set_content(VALID_HTML)
    store.save(page, "staff /help")
    assert list(store.problems()) == ["staff /concerns/5"]
