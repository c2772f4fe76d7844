"""A real portal on a local port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from tests.browser.html_checks import PageStore, checker_missing

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium reaches for Google's servers at start and this machine refuses them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The threaded test server may leave a static file open when Chromium drops a
            # connection mid-response; that is the server's housekeeping, not a portal bug.
            item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))
            item.add_marker(
                pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # `playwright install` cannot download browsers here: use Debian's Chromium.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The portal served on 127.0.0.1 in a background thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.server_port}"
    # The served portal knows its own address: card QR codes and emailed links lead here.
    own_address = app.config["PORTAL_URL"]
    app.config["PORTAL_URL"] = address
    yield address
    app.config["PORTAL_URL"] = own_address
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def walked_html(tmp_path_factory) -> Iterator[PageStore | None]:
    """Where the walks save each page; vnu checks them all once, when the run ends.

    Its errors fail the run as an error at the teardown of the last walk, listing every page.
    Without Java or `npm ci` a laptop walks without it (test_page_checks says why); CI fails.
    """
    missing = checker_missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI checks the HTML of every page: {missing}")
    if missing:
        yield None
        return
    store = PageStore(tmp_path_factory.mktemp("walked-html"))
    yield store
    problems = store.problems()
    if problems:
        pytest.fail(
            f"The HTML checker found errors on {len(problems)} of {len(store.names)} pages:\n"
            + "\n".join(f"{name}\n  " + "\n  ".join(lines) for name, lines in problems.items()),
            pytrace=False,
        )


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport=PHONE, javascript=True): a fresh browser context and page.

    The offline worker is blocked unless a test asks for it (offline=True): every page would
    register it and fetch the whole shell again in each new context, minutes over the suite.
    """
    contexts = []

    def make(viewport=PHONE, javascript: bool = True, locale: str = "en-GB", offline: bool = False):
        context = browser.new_context(
            viewport=viewport,
            base_url=live_server,
            java_script_enabled=javascript,
            locale=locale,
            service_workers="allow" if offline else "block",
            is_mobile=viewport["width"] < 600,
            has_touch=viewport["width"] < 600,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, username: str, password: str) -> None:
    """Sign in through the real form, as a person would."""
    page.goto("/sign-in")
    page.get_by_label("Your username").fill(username)
    page.get_by_label("Your password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    # Home, or the page whose words were kept when this person's last visit ended (a slow
    # phone may send them after the visit ended: then signing in goes back to that page).
    page.wait_for_url(lambda url: "/sign-in" not in url)


def sign_out(page) -> None:
    """Sign out as a person on a phone would: Me in the bottom bar, then Sign out."""
    # A tap outside the box being typed in: the bar steps aside while someone types.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    bar = page.get_by_role("navigation", name="Main places")
    bar.get_by_role("link", name="Me", exact=True).click()
    page.get_by_role("main").get_by_role("button", name="Sign out").click()


def choose_language(page, name: str) -> None:
    """Switch language where a phone has the switch: on the Me (or More) page."""
    page.goto("/me")
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()
