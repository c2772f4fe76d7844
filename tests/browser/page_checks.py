"""Checks every page must pass in a real browser, and a walker that finds the pages.

The walker follows every link it can see from the home page, so new pages are checked as soon
as they are reachable, with no list to keep up to date.
"""

from __future__ import annotations

import re
import weakref
from urllib.parse import urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe

from tests.browser.html_checks import PageStore
from tests.browser.text_checks import text_problems

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "wcag2aaa", "best-practice"]
MIN_TARGET = 44  # CSS px, WCAG 2.5.5 (AAA); axe itself checks only 24 px
MIN_FONT = 18.67  # CSS px (14 pt)
# A bound on a runaway walk, well above the page shapes there are (at 60, staff and co-trainers
# stopped with three unseen). A walk that stops at it says which pages it never saw
# (walk_and_check), so the bound cannot hide one.
MAX_PAGES = 90
# On a phone the page starts at the top: its heading within this many CSS px (issue 14).
HEADING_TOP = 200
PHONE_WIDTH = 768  # narrower than this, the portal lays pages out for a phone
# A page is ready to check once no request has been in flight this long (htmx pieces loaded on
# arrival included). Playwright's "networkidle" waits 500 ms on each of several hundred pages.
QUIET_MS = 100
STEP_MS = 25
SETTLE_LIMIT_MS = 10_000
# Links the walker must not follow: they act, or they leave the page.
SKIP_PATHS = re.compile(r"^/(static/|sign-out|healthz)|\.(ics|csv|json|svg|png)$")

_axe = Axe()
_contexts_with_axe: weakref.WeakSet = weakref.WeakSet()

# A link inside a sentence may stay as tall as its line (WCAG 2.5.5's inline exception); a link
# whose block holds nothing but the link is on its own line, so it is a target like a button.
TARGETS_SCRIPT = """(min) => {
  const selector = 'button, input:not([type=hidden]), select, textarea, a.button, a.menu-link, [role=button], a[href]';
  const blockOf = el => {
    let e = el.parentElement;
    while (e && e.parentElement && ['inline', 'contents'].includes(getComputedStyle(e).display)) e = e.parentElement;
    return e;
  };
  const words = el => (el.innerText || '').replace(/\\s+/g, ' ').trim();
  const inSentence = el => {
    if (el.tagName !== 'A' || el.matches('a.button, a.menu-link, [role=button]')) return false;
    // A marked glossary word is part of the words around it (portal/words/marking.py marks
    // running text only), even where those words are a short line of their own.
    if (el.matches('a.word-mark')) return true;
    const block = blockOf(el);
    return block && words(block) !== words(el);
  };
  return [...document.querySelectorAll(selector)]
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .filter(el => !inSentence(el))
    .map(el => ({box: el.getBoundingClientRect(), html: el.outerHTML.slice(0, 120)}))
    .filter(({box}) => box.width < min || box.height < min)
    .map(({box, html}) => `${Math.round(box.width)}x${Math.round(box.height)} ${html}`);
}"""

FONTS_SCRIPT = """(min) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min) small.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


# What a colour theme can change: the same page in another theme needs only these again.
AXE_COLOUR_RULES = {
    "type": "rule",
    # axe's AAA rule looks only between 4.5:1 and 7:1, leaving what is lower to the AA rule.
    "values": ["color-contrast", "color-contrast-enhanced", "link-in-text-block"],
}
# What another language can change: names, labels, titles and languages (level A). Contrast,
# the slowest rule by far, does not depend on the words.
AXE_WORDING_TAGS = {"type": "tag", "values": ["wcag2a", "wcag21a"]}


def axe_violations(page, only: dict | None = None) -> list[dict]:
    """axe-core's violations on the page now open: the AXE_TAGS rules, or `only` these."""
    # Once a browser context has checked a page, every page it opens after gets axe from its
    # start: sending axe's 500 kB source with each page's check was 0.07 s of a page's 0.7.
    # Only violations come back; passes would be most of the answer.
    if page.context not in _contexts_with_axe:
        page.context.add_init_script(_axe.axe_script)
        _contexts_with_axe.add(page.context)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(_axe.axe_script)
    run_only = only or {"type": "tag", "values": AXE_TAGS}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def axe_problems(page, only: dict | None = None) -> list[str]:
    problems = []
    for violation in axe_violations(page, only):
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"axe {violation['id']}: {violation['help']} at {targets}")
    return problems


# From the top of the page, wherever it is scrolled to (a link may open it at an anchor).
HEADING_TOP_SCRIPT = (
    "Math.round(document.querySelector('h1').getBoundingClientRect().top + window.scrollY)"
)


def layout_problems(page) -> list[str]:
    """What a narrower window can break on a page already checked in full: the layout."""
    problems = [f"target under 44px: {t}" for t in page.evaluate(TARGETS_SCRIPT, MIN_TARGET)]
    problems += [f"text under 18.67px: {t}" for t in page.evaluate(FONTS_SCRIPT, MIN_FONT)]
    # Compare with the window we asked for: a phone browser widens its own viewport to fit.
    width, window = (
        page.evaluate("document.documentElement.scrollWidth"),
        page.viewport_size["width"],
    )
    if width > window:
        problems.append(f"sideways scroll: page is {width}px wide in a {window}px window")
    if window < PHONE_WIDTH and page.locator("h1").count() == 1:
        top = page.evaluate(HEADING_TOP_SCRIPT)
        if top > HEADING_TOP:
            problems.append(f"heading starts {top}px down, more than {HEADING_TOP}px on a phone")
    return problems


def page_problems(page, expected_lang: str, axe_only: dict | None = None) -> list[str]:
    """Everything wrong with the page now open, as readable lines (empty when all is well).

    `axe_only`: the axe rules to run when the full set already ran on this page in another
    way (AXE_WORDING_TAGS for the same page in Welsh)."""
    problems = axe_problems(page, axe_only)
    problems += layout_problems(page)
    headings = page.locator("h1")
    if headings.count() != 1:
        problems.append(f"{headings.count()} h1 elements, not 1")
    elif not page.title().startswith(headings.first.inner_text().strip()):
        problems.append(f"title {page.title()!r} does not match h1 {headings.first.inner_text()!r}")
    # What a search engine shows under the link: every page says what it is for.
    description = page.evaluate(
        "document.querySelector('meta[name=description]')?.content.trim() || ''"
    )
    if not description:
        problems.append("no meta description")
    lang = page.evaluate("document.documentElement.lang")
    if lang != expected_lang:
        problems.append(f"html lang is {lang!r}, expected {expected_lang!r}")
    problems += text_problems(page, expected_lang)
    return problems


def _same_site_links(page, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    return same_site_links(hrefs, page.url, base_url)


def same_site_links(hrefs: list[str], page_url: str, base_url: str) -> list[str]:
    """The walkable links among `hrefs` found on `page_url`, without their #fragments."""
    found = []
    for href in hrefs:
        url = urljoin(page_url, href)
        parts = urlsplit(url)
        if not url.startswith(base_url) or SKIP_PATHS.search(parts.path):
            continue
        found.append(parts._replace(fragment="").geturl())
    return found


def _shape(url: str) -> str:
    # /people/12 and /people/13 are the same page: check one of each shape.
    parts = urlsplit(url)
    return re.sub(r"/\d+", "/<id>", parts.path) + ("?" if parts.query else "")


def open_and_settle(page, url: str) -> None:
    """Open `url` and wait until the network has been quiet for QUIET_MS."""
    pending = set()

    def started(request) -> None:
        pending.add(request)

    def finished(request) -> None:
        pending.discard(request)

    page.on("request", started)
    page.on("requestfinished", finished)
    page.on("requestfailed", finished)
    try:
        page.goto(url)
        quiet = waited = 0
        while quiet < QUIET_MS and waited < SETTLE_LIMIT_MS:
            page.wait_for_timeout(STEP_MS)
            waited += STEP_MS
            quiet = 0 if pending else quiet + STEP_MS
    finally:
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", finished)
        page.remove_listener("requestfailed", finished)


def walk_and_check(
    page,
    base_url: str,
    expected_lang: str,
    start: str = "/",
    also_at: tuple[dict, ...] = (),
    html: PageStore | None = None,
    name: str = "",
    within: tuple[str, ...] = ("/",),
    axe_only: dict | None = None,
) -> dict[str, list]:
    """Visit every page reachable by links from `start`; return {url: problems} for each.

    `also_at`: more viewports each page is checked at, on the same loaded page (resized, then
    set back), so one walk covers every width. The server sends the same page at every width,
    so axe, which does not depend on it, runs once; a narrower window gets the layout checks
    (sideways scroll, targets, text size, where the heading starts) and a wide screen those and
    the wording checks (its own menu, lines that grow too long), with axe on the first page
    for what only a wide screen shows. `html`: where each page is saved for vnu. `within`: the
    paths a feature's own walk keeps to (the walk in test_every_page covers every page).
    `axe_only`: see page_problems.
    """
    queue, seen_shapes, report = [urljoin(base_url, start)], set(), {}
    while queue and len(seen_shapes) < MAX_PAGES:
        url = queue.pop(0)
        if _shape(url) in seen_shapes:
            continue
        seen_shapes.add(_shape(url))
        open_and_settle(page, url)
        if html is not None:
            html.save(page, f"{name} {urlsplit(url).path}".strip())
        first_page = not report
        report[url] = page_problems(page, expected_lang, axe_only)
        first = page.viewport_size
        for viewport in also_at:
            page.set_viewport_size(viewport)
            problems = layout_problems(page)
            if viewport["width"] >= PHONE_WIDTH:
                problems += text_problems(page, expected_lang)
                if first_page:
                    problems += axe_problems(page)
            report[f"{url} at {viewport['width']}px"] = problems
        if also_at:
            page.set_viewport_size(first)
        queue.extend(
            link
            for link in _same_site_links(page, base_url)
            if _shape(link) not in seen_shapes and urlsplit(link).path.startswith(within)
        )
    # A walk cut short by MAX_PAGES would pass with pages it never saw: say which.
    never_seen = sorted({_shape(link) for link in queue} - seen_shapes)
    if never_seen:
        report["(the walk)"] = [f"stopped at {MAX_PAGES} pages, never checked: {never_seen}"]
    return report
