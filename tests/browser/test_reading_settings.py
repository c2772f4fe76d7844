"""Reading settings in a real browser: a tap changes the page at once, and one page of each
template passes every check in the largest text, wide spacing and extra clear letters, in each
colour theme, 320 px wide.

The pages are found as the whole-page walk finds them, by following links from home, but read
as HTML without opening them: the portal marks each page's template on <body> (data-template,
only while testing), and only the first page of each is opened and checked.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from portal.demo import load_demo_data
from portal.extensions import db
from tests.browser.conftest import NARROW, PHONE, sign_in
from tests.browser.page_checks import (
    AXE_COLOUR_RULES,
    MAX_PAGES,
    _shape,
    axe_problems,
    open_and_settle,
    page_problems,
    same_site_links,
)

LARGEST = 28  # CSS px: the body text size of "Largest"
CHOICES = ["#reading-text_size-largest", "#reading-spacing-wide", "#reading-font-legible"]
DEMO = {"member": ("sam", "sam-is-a-member"), "staff": ("jo", "jo-is-staff-here")}

# Text under the chosen size, except the samples on the settings page (each shows its own size)
# charts' pictures (their tables carry the same words), and the phone's frame: the bottom bar and the Settings button at the top (static/css/layout.css:
# they keep the normal size, or the bar would cover half the screen and the top row would push
# every heading down).
SMALL_TEXT_SCRIPT = """(min) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || !el.getClientRects().length) continue;
    if (el.closest('[data-reading-sample]')) continue;
    if (el.closest('.bottom-bar')) continue;
    // A chart's labels are part of its picture; the table beside it has the same words at
    // the reader's size (templates/report).
    if (el.closest('svg')) continue;
    if (el.closest('.site-header .reading-button') && innerWidth < 768) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min - 0.01) small.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


@pytest.fixture
def demo_data(app):
    with app.app_context():
        assert load_demo_data()
        db.session.commit()


def choose(page, *selectors: str) -> None:
    """Tap each choice on the settings page, waiting until htmx shows it chosen."""
    page.goto("/settings")
    for selector in selectors:
        page.locator(selector).click()
        expect(page.locator(selector)).to_have_attribute("aria-pressed", "true")


def _check(page) -> list[str]:
    problems = page_problems(page, "en")
    small = page.evaluate(SMALL_TEXT_SCRIPT, LARGEST)
    return problems + [f"text under {LARGEST}px: {text}" for text in small]


class _PageParts(HTMLParser):
    """The template a page says it was made from (data-template on <body>) and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.template, self.hrefs = "", []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "body":
            self.template = found.get("data-template") or ""
        elif tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])


def first_page_of_each_template(page, base_url: str) -> dict[str, str]:
    """{template: the first page made from it} over every page reachable from home.

    The pages are read as HTML through the browser's own cookies, not opened: only the one page
    checked for each template needs the browser to lay it out (minutes less over the walk)."""
    queue, seen_shapes, pages = [urljoin(base_url, "/")], set(), {}
    while queue and len(seen_shapes) < MAX_PAGES:
        url = queue.pop(0)
        if _shape(url) in seen_shapes:
            continue
        seen_shapes.add(_shape(url))
        response = page.request.get(url)
        parts = _PageParts()
        parts.feed(response.text())
        if parts.template and parts.template not in pages:
            pages[parts.template] = url
        queue.extend(
            link
            for link in same_site_links(parts.hrefs, response.url, base_url)
            if _shape(link) not in seen_shapes
        )
    return pages


def check_one_page_per_template(
    page, base_url: str, other_themes: dict[str, str]
) -> dict[str, list]:
    """Check the first page of each template reachable from home, in the browser.

    Each page is checked in full in the theme chosen, then in each of `other_themes` ({theme:
    the classes the portal puts on <html> for it}) with axe's contrast rules only: a theme
    changes colours and nothing else, and only through those classes, so each page is opened
    once for every theme."""
    report = {}
    for template, url in first_page_of_each_template(page, base_url).items():
        open_and_settle(page, url)
        report[f"{template} {url}"] = _check(page)
        chosen = page.evaluate("document.documentElement.className")
        for theme, classes in other_themes.items():
            page.evaluate("classes => { document.documentElement.className = classes }", classes)
            report[f"{theme}: {template} {url}"] = axe_problems(page, AXE_COLOUR_RULES)
        page.evaluate("classes => { document.documentElement.className = classes }", chosen)
    return report


def _report(report: dict[str, list]) -> str:
    return "\n".join(f"{page}\n  " + "\n  ".join(found) for page, found in report.items() if found)


@pytest.mark.parametrize(
    ("role", "themes"),
    [("member", ["default", "dark", "low-glare"]), ("staff", ["dark"])],
    ids=["member", "staff"],
)
def test_one_page_of_each_template_passes_in_the_largest_settings(
    new_page, live_server, demo_data, role, themes
):
    """The pages are checked in full in the first theme, and in each other theme for colour."""
    page = new_page(NARROW)
    sign_in(page, *DEMO[role])
    choose(page, *CHOICES)
    other_themes = {}
    for theme in themes[1:]:
        choose(page, f"#reading-theme-{theme}")
        page.reload()  # the classes as the portal puts them on a page
        other_themes[theme] = page.evaluate("document.documentElement.className")
        assert f"theme-{theme}" in other_themes[theme] and "text-largest" in other_themes[theme]
    choose(page, f"#reading-theme-{themes[0]}")
    report = check_one_page_per_template(page, live_server, other_themes)
    templates = {name.split()[0] for name in report if ":" not in name.split()[0]}
    assert len(templates) >= 8, f"too few templates found: {sorted(templates)}"
    assert "pages/settings.html" in templates
    assert not any(report.values()), _report(report)


def test_a_tap_changes_the_page_at_once_and_it_stays_so(new_page):
    page = new_page(PHONE)
    page.goto("/settings")
    body_size = "getComputedStyle(document.body).fontSize"
    assert page.evaluate(body_size) == "20px"
    page.locator("#reading-text_size-largest").click()
    expect(page.locator("html")).to_have_class("text-largest")
    assert page.evaluate(body_size) == "28px"
    page.locator("#reading-theme-dark").click()
    expect(page.locator("html")).to_have_class("text-largest theme-dark")
    page.locator("#reading-speech_rate-faster").click()
    expect(page.locator("html")).to_have_attribute("data-speech-rate", "faster")
    # The tapped choice keeps focus after htmx swaps the choices in.
    assert page.evaluate("document.activeElement.id") == "reading-speech_rate-faster"
    # Signed out, the choice lives in this browser's cookie: the next page has it from the start.
    page.goto("/help")
    expect(page.locator("html")).to_have_class("text-largest theme-dark")
    assert page.evaluate(body_size) == "28px"


def test_without_javascript_the_settings_are_a_plain_form(new_page):
    page = new_page(PHONE, javascript=False)
    page.goto("/help")
    page.get_by_role("link", name="Settings").click()
    page.locator("#reading-spacing-wide").click()
    expect(page.get_by_text("Your settings are saved.")).to_be_visible()
    expect(page.locator("html")).to_have_class("spacing-wide")
    expect(page.locator("#reading-spacing-wide")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("select[name=voice] option")).to_have_text(["The phone chooses"])
    page.get_by_role("link", name="Go back").click()
    expect(page).to_have_url(f"{page.url.split('/help')[0]}/help")


def test_less_movement_stops_transitions_whatever_the_phone_says(new_page):
    page = new_page(PHONE)
    choose(page, "#reading-motion-less")
    page.goto("/")
    durations = page.evaluate(
        """() => [...document.querySelectorAll('a, button')].map(el =>
             getComputedStyle(el).transitionDuration + ' ' + getComputedStyle(el).animationName)"""
    )
    assert durations and set(durations) == {"0s none"}
