"""The page checks themselves catch what they should: a check that cannot fail proves nothing."""

from __future__ import annotations

from tests.browser.conftest import DESKTOP, NARROW
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
