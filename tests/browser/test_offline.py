"""Works on a poor signal, in a real browser with the network taken away
(`context.set_offline`): saved pages with the banner, the offline page, one person's cache,
taps kept and sent once, and a new release replacing the old shell."""

from __future__ import annotations

import time
from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import expect

from portal.extensions import db
from portal.sessions.models import Booking, BookingStatus
from tests import factories
from tests.browser.conftest import PHONE, sign_in, sign_out
from tests.browser.page_checks import page_problems
from tests.factories import (
    PASSWORD,
    book,
    count_rows,
    create_agenda_item,
    create_session,
    create_user,
    publish_agenda,
)

STATIC = Path(__file__).resolve().parents[2] / "static"
SAVED_PAGES = (
    "caches.open('cg-pages').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))"
)
SHELLS = "caches.keys().then(names => names.filter(n => n.startsWith('cg-shell-')))"
BANNER = "[data-offline-banner]"


def _until(page, script: str, check, timeout: float = 15.0):
    """Poll `script` in the page until `check(value)` holds (the CSP forbids wait_for_function)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if check(value):
            return value
        assert time.monotonic() < deadline, f"still {value!r} after {timeout}s: {script}"
        page.wait_for_timeout(100)


def _worker_in_charge(page) -> None:
    _until(page, "Boolean(navigator.serviceWorker.controller)", bool)


def _going(session_id: int) -> int:
    with factories.APP.app_context():
        return db.session.scalar(
            sa.select(sa.func.count(Booking.id)).where(
                Booking.session_id == session_id, Booking.status == BookingStatus.GOING
            )
        )


def _sam_with_a_session(member):
    session = create_session(title="Walk round the park", places=5)
    create_agenda_item(session.id, title="Cup of tea and hello")
    publish_agenda(session.id)
    book(session.id, member.id)
    return session


def _signed_in_and_saved(page, username: str, at_least: int) -> list[str]:
    sign_in(page, username, PASSWORD)
    _worker_in_charge(page)
    page.reload()  # the worker now answers: it sees whose page this is and saves their pages
    return _until(page, SAVED_PAGES, lambda saved: len(saved) >= at_least)


def test_after_one_visit_the_saved_pages_read_with_no_signal(new_page, member):
    session = _sam_with_a_session(member)
    page = new_page(PHONE, offline=True)
    saved = _signed_in_and_saved(page, "sam", 6)
    assert {"/sessions/mine", f"/sessions/{session.id}", "/whats-new", "/help"} <= set(saved)
    assert "/people" not in saved and "/" not in saved
    page.context.set_offline(True)
    page.goto("/sessions/mine")
    expect(page.get_by_role("heading", level=1)).to_have_text("My sessions")
    expect(page.locator(BANNER)).to_be_visible()
    expect(page.locator(BANNER)).to_contain_text("No signal. This is what we saved at")
    # Its picture loads only now it shows (loading="lazy"), from what the phone saved.
    _until(page, f"document.querySelector('{BANNER} img').naturalWidth", lambda width: width > 0)
    expect(page.locator("main")).to_contain_text("Walk round the park")
    page.goto(f"/sessions/{session.id}")
    expect(page.locator("main")).to_contain_text("Cup of tea and hello")
    expect(page.locator(BANNER)).to_be_visible()
    page.goto("/whats-new")
    expect(page.locator(BANNER)).to_be_visible()
    # A page that was not saved: the offline page, listing what can be read.
    page.goto("/concerns")
    expect(page.get_by_role("heading", level=1)).to_have_text("No signal")
    expect(page.locator("main").get_by_role("link", name="Walk round the park")).to_be_visible()
    page.context.set_offline(False)
    page.goto("/sessions/mine")
    expect(page.locator(BANNER)).to_be_hidden()


def test_saving_the_pages_leaves_the_news_new_until_sam_looks(new_page, member):
    """The worker saves What's new in the background: that is not Sam reading it."""
    from portal.notices.models import Notice
    from portal.notices.services import notify

    _sam_with_a_session(member)
    with factories.APP.app_context():
        notify(member.id, "account_welcome", link="/help")
        db.session.commit()
    page = new_page(PHONE, offline=True)
    assert "/whats-new" in _signed_in_and_saved(page, "sam", 6)
    assert count_rows(Notice, read_at=None) == 1
    page.goto("/sessions")
    expect(page.locator(".bottom-bar")).to_contain_text("1 new")
    page.goto("/whats-new")  # Sam looks: now it is read
    expect(page.locator("main")).to_contain_text("Welcome to the portal.")
    assert count_rows(Notice, read_at=None) == 0


def test_saved_pages_with_the_banner_pass_the_page_checks(new_page, member):
    session = _sam_with_a_session(member)
    page = new_page(PHONE, offline=True)
    _signed_in_and_saved(page, "sam", 6)
    page.context.set_offline(True)
    problems = {}
    for address in ("/sessions/mine", f"/sessions/{session.id}", "/whats-new", "/help"):
        page.goto(address)
        expect(page.locator(BANNER)).to_be_visible()
        problems[address] = page_problems(page, "en")
    page.goto("/concerns")  # not saved: the offline page (which says "No signal" itself)
    expect(page.get_by_role("heading", level=1)).to_have_text("No signal")
    problems["offline page"] = page_problems(page, "en")
    assert not any(problems.values()), problems


def test_signing_out_empties_the_saved_pages_and_the_next_person_never_sees_them(new_page, member):
    _sam_with_a_session(member)
    priya = create_user(username="priya", display_name="Priya Shah")
    other = create_session(title="Games afternoon", places=5)
    book(other.id, priya.id)
    page = new_page(PHONE, offline=True)
    _signed_in_and_saved(page, "sam", 6)
    sign_out(page)
    page.wait_for_load_state()
    assert _until(page, SAVED_PAGES, lambda saved: saved == []) == []
    page.context.set_offline(True)
    page.goto("/sessions/mine")
    expect(page.get_by_role("heading", level=1)).to_have_text("No signal")
    expect(page.locator("main")).not_to_contain_text("Walk round the park")
    page.context.set_offline(False)
    # Priya signs in on the same phone: only her pages are saved, never Sam's.
    _signed_in_and_saved(page, "priya", 6)
    page.context.set_offline(True)
    page.goto("/sessions/mine")
    expect(page.locator(BANNER)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Games afternoon")
    expect(page.locator("main")).not_to_contain_text("Walk round the park")


def test_im_coming_tapped_with_no_signal_is_saved_once_when_it_comes_back(new_page, member):
    session = create_session(title="Walk round the park", places=5)
    page = new_page(PHONE, offline=True)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    _worker_in_charge(page)
    page.context.set_offline(True)
    button = page.locator("#coming-button")
    button.click()
    expect(button).to_contain_text("Waiting for signal")
    kept = _until(
        page,
        """new Promise(done => { const o = indexedDB.open('cg-offline', 1);
             o.onsuccess = () => { const r = o.result.transaction('taps').objectStore('taps').getAll();
             r.onsuccess = () => done(r.result); }; })""",
        lambda taps: len(taps) == 1,
    )
    assert _going(session.id) == 0
    page.context.set_offline(False)
    # Sent when the signal comes back; the page then shows the real answer.
    expect(page.locator("#coming-button")).to_have_attribute("aria-pressed", "true", timeout=15_000)
    expect(page.locator("#coming-button")).not_to_contain_text("Waiting for signal")
    assert _going(session.id) == 1
    # The phone sends the same tap twice more (its answer was lost, say): still one. From a page
    # with no "I'm coming" form, since a page showing the tap as waiting reloads once it is sent,
    # and a reload in the middle of an evaluate ends it.
    page.goto("/help")
    _worker_in_charge(page)
    for _retry in range(2):
        page.evaluate(
            """tap => new Promise(done => { const channel = new MessageChannel();
                 channel.port1.onmessage = () => { navigator.serviceWorker.controller
                   .postMessage({type: 'send-taps'}); done(); };
                 navigator.serviceWorker.controller.postMessage({type: 'keep-tap', tap}, [channel.port2]); })""",
            kept[0],
        )
        _until(
            page,
            """new Promise(done => { const o = indexedDB.open('cg-offline', 1);
                 o.onsuccess = () => { const r = o.result.transaction('taps').objectStore('taps').count();
                 r.onsuccess = () => done(r.result); }; })""",
            lambda count: count == 0,
        )
    assert _going(session.id) == 1


def test_a_new_release_replaces_the_old_shell(new_page, member):
    page = new_page(PHONE, offline=True)
    page.goto("/help")
    _worker_in_charge(page)
    [first] = _until(page, SHELLS, lambda names: len(names) == 1)
    extra = STATIC / "css" / "zz-browser-release.css"
    try:
        extra.write_text("/* a new release */\n", encoding="utf-8")
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        [second] = _until(page, SHELLS, lambda names: len(names) == 1 and names[0] != first)
    finally:
        extra.unlink()
    assert second != first
    page.context.set_offline(True)
    page.goto("/help")  # not saved for anybody signed out: the offline page, from the new shell
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_tap_refused_when_the_signal_came_back_is_told_not_lost(new_page, member):
    from portal.concerns.models import Concern, Review
    from tests.factories import create_board, create_concern

    author = create_user("member", username="priya", display_name="Priya Shah")
    board = create_board("Getting about", picture="bus")
    concern = create_concern(board.id, author.id, "The bus is often late")
    page = new_page(PHONE, offline=True)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/{concern.id}")
    _worker_in_charge(page)
    notice = page.locator("[data-offline-refused]")
    expect(notice).to_be_hidden()
    page.context.set_offline(True)
    page.get_by_role("button", name="Support").click()
    expect(page.get_by_role("button", name="Waiting for signal")).to_be_visible()
    # Meanwhile staff hide the concern: the kept tap is refused (404) when it is sent.
    with factories.APP.app_context():
        db.session.get(Concern, concern.id).review = Review.HIDDEN
        db.session.commit()
    page.context.set_offline(False)
    expect(notice).to_be_visible(timeout=15_000)
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text("Something you tapped with no signal did not work.")
    assert page_problems(page, "en") == []
    # Said once: the next page does not say it again, and nothing waits to be sent.
    page.goto("/concerns")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(notice).to_be_hidden()
    _until(
        page,
        """new Promise(done => { const o = indexedDB.open('cg-offline', 1);
             o.onsuccess = () => { const r = o.result.transaction('taps').objectStore('taps').count();
             r.onsuccess = () => done(r.result); }; })""",
        lambda count: count == 0,
    )


def test_the_pictures_of_hidden_messages_are_fetched_only_when_they_show(new_page, member):
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto("/help")
    page.wait_for_load_state("networkidle")
    assert any("/pictures/help.svg" in url for url in asked)  # a picture on show: fetched
    assert not [url for url in asked if "/pictures/no-signal.svg" in url]  # the hidden banner's
    notice = page.locator("[data-offline-refused]")
    notice.evaluate("element => { element.hidden = false }")
    _until(page, "document.querySelector('[data-offline-refused] img').naturalWidth", bool)
