"""Agendas in a real browser: two co-trainers editing at once in two browser contexts, the
conflict screen, reordering, words kept across a reload, and the member's published agenda."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from portal.timeutil import utcnow
from tests.browser.conftest import PHONE, sign_in
from tests.browser.page_checks import walk_and_check
from tests.factories import (
    PASSWORD,
    create_agenda_item,
    create_session,
    create_user,
    publish_agenda,
)

LIVE = 5_000  # "within 5 seconds"


def _training(users_by_role):
    dev = create_user("co_trainer", username="dev", display_name="Dev Shah")
    start = utcnow().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=7)
    session = create_session(
        title="Train the trainers",
        starts_in=start - utcnow().replace(second=0, microsecond=0),
        trainers=[users_by_role["co_trainer"], dev],
    )
    return session, dev


def _two_editors(new_page, session):
    alex, dev = new_page(PHONE), new_page(PHONE)
    sign_in(alex, "alex", PASSWORD)
    sign_in(dev, "dev", PASSWORD)
    for page in (alex, dev):
        page.goto(f"/agendas/session/{session.id}")
    return alex, dev


def test_one_edits_the_other_sees_it_within_5_seconds(new_page, users_by_role):
    session, _ = _training(users_by_role)
    item = create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    alex, dev = _two_editors(new_page, session)
    dev.evaluate("window.notReloaded = true")

    row = alex.locator(f"#item-{item.id}")
    row.get_by_role("link", name="Change Break").click()
    expect(row.get_by_label("What is this part called?")).to_be_visible()
    expect(dev.locator("#agenda-presence")).to_contain_text(
        "Alex Rivera is changing \u2018Break\u2019.", timeout=LIVE
    )
    row.get_by_label("What is this part called?").fill("Tea and biscuits")
    row.get_by_role("button", name="Save").click()
    expect(alex.locator(f"#item-{item.id}")).to_contain_text("Tea and biscuits")
    expect(dev.locator(f"#item-{item.id}")).to_contain_text("Tea and biscuits", timeout=LIVE)
    assert dev.evaluate("window.notReloaded") is True


def test_a_conflicting_edit_shows_the_conflict_screen(new_page, users_by_role):
    session, _ = _training(users_by_role)
    item = create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    alex, dev = _two_editors(new_page, session)
    for page in (alex, dev):
        row = page.locator(f"#item-{item.id}")
        row.get_by_role("link", name="Change Break").click()
        expect(row.get_by_label("What is this part called?")).to_be_visible()
    dev_row = dev.locator(f"#item-{item.id}")
    dev_row.get_by_label("What is this part called?").fill("Tea break")
    dev_row.get_by_role("button", name="Save").click()
    expect(dev.locator(f"#item-{item.id}")).to_contain_text("Tea break")

    alex_row = alex.locator(f"#item-{item.id}")
    alex_row.get_by_label("What is this part called?").fill("Coffee break")
    alex_row.get_by_role("button", name="Save").click()
    conflict = alex.locator(f"#item-{item.id}")
    expect(conflict).to_contain_text("Someone else changed this part")
    expect(conflict).to_contain_text("What Dev Shah saved")
    expect(conflict).to_contain_text("Tea break")
    expect(conflict.get_by_label("What is this part called?")).to_have_value("Coffee break")
    conflict.get_by_label("What is this part called?").fill("Tea or coffee break")
    conflict.get_by_role("button", name="Save my words").click()
    expect(alex.locator(f"#item-{item.id}")).to_contain_text("Tea or coffee break")
    expect(dev.locator(f"#item-{item.id}")).to_contain_text("Tea or coffee break", timeout=LIVE)


def test_a_reorder_shows_up_for_both(new_page, users_by_role):
    session, _ = _training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    alex, dev = _two_editors(new_page, session)
    alex.locator(f"#item-{games.id}").get_by_role("button", name="Move up Games").click()
    for page, wait in ((alex, 10_000), (dev, LIVE)):
        expect(page.locator("#agenda-items > li").first).to_contain_text("Games", timeout=wait)
    expect(dev.locator("#agenda-items > li").first).to_contain_text("10am")


def test_typed_words_survive_a_reload(new_page, users_by_role):
    session, _ = _training(users_by_role)
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    form = page.locator("#add-item")
    form.get_by_label("What is this part called?").fill("Lunch")
    form.get_by_label("What happens? Use easy words.").fill("We eat together.")
    page.reload()
    expect(form.get_by_label("What is this part called?")).to_have_value("Lunch")
    expect(form.get_by_label("What happens? Use easy words.")).to_have_value("We eat together.")
    expect(form).to_contain_text("We put back what you were typing before.")
    form.get_by_label("How many minutes does it take?").fill("45")
    form.get_by_role("button", name="Add this part").click()
    expect(page.locator("#agenda-items")).to_contain_text("Lunch")
    page.reload()
    expect(page.locator("#add-item").get_by_label("What is this part called?")).to_have_value("")


def test_moving_without_javascript(new_page, users_by_role):
    session, _ = _training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    page = new_page(PHONE, javascript=False)
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    page.locator(f"#item-{games.id}").get_by_role("button", name="Move up Games").click()
    expect(page.locator(".messages")).to_contain_text("You moved Games.")
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games")


def test_member_reads_the_published_agenda(new_page, live_server, users_by_role):
    session, _ = _training(users_by_role)
    create_agenda_item(session.id, title="Welcome", leaders="Alex and Dev")
    create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    publish_agenda(session.id)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text("10am Welcome")
    expect(agenda).to_contain_text("Led by Alex and Dev.")
    expect(agenda).to_contain_text("10:30am Break")
    agenda.get_by_role("link", name="Large print").click()
    expect(page.locator("h1")).to_contain_text("The plan for Train the trainers")
    report = walk_and_check(page, live_server, expected_lang="en", start=f"/sessions/{session.id}")
    assert any("/print" in url for url in report)
    assert any("/suggest" in url for url in report)
    problems = {url: found for url, found in report.items() if found}
    assert not problems, problems


def test_agenda_pages_pass_the_checks_for_a_co_trainer(new_page, live_server, users_by_role):
    session, _ = _training(users_by_role)
    item = create_agenda_item(session.id, title="Welcome")
    create_agenda_item(session.id, title="Long walk", kind="activity", minutes=200)
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    report = walk_and_check(
        page, live_server, expected_lang="en", start=f"/agendas/session/{session.id}"
    )
    assert any(f"/items/{item.id}" in url for url in report)
    assert any("/history" in url for url in report)
    problems = {url: found for url, found in report.items() if found}
    assert not problems, problems


def test_dragging_an_item_moves_it(new_page, users_by_role):
    """Drives the page's own drag handlers with the events a real drag sends (Playwright's mouse
    drag does not start HTML5 drag-and-drop in headless Chromium)."""
    session, _ = _training(users_by_role)
    welcome = create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    expect(page.locator(f"#item-{games.id}")).to_have_attribute("draggable", "true")
    page.evaluate(
        """([from, to]) => {
        const source = document.getElementById(from), target = document.getElementById(to);
        const data = new DataTransfer();
        const fire = (element, type) => element.dispatchEvent(
            new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
        fire(source, 'dragstart'); fire(target, 'dragover'); fire(target, 'drop'); fire(source, 'dragend');
    }""",
        [f"item-{games.id}", f"item-{welcome.id}"],
    )
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games", timeout=10_000)
    page.reload()
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games")


def test_a_members_idea_shows_up_live_and_a_reply_being_typed_stays(new_page, users_by_role):
    session, _ = _training(users_by_role)
    alex = new_page(PHONE)
    sign_in(alex, "alex", PASSWORD)
    alex.goto(f"/agendas/session/{session.id}")
    alex.evaluate("window.notReloaded = true")
    sam = new_page(PHONE)
    sign_in(sam, "sam", PASSWORD)

    def suggest(title):
        sam.goto(f"/agendas/session/{session.id}/suggest")
        sam.get_by_label("I want to talk about").fill(title)
        sam.get_by_role("button", name="Send my idea").click()
        expect(sam.locator(".messages")).to_contain_text("Thank you.")

    suggest("Buses to the centre")
    ideas = alex.locator("#agenda-suggestions")
    expect(ideas).to_contain_text("wants to talk about Buses to the centre.", timeout=LIVE)
    first = ideas.locator("form").first
    first.get_by_label("Your answer to them").fill("Good idea")
    suggest("Loud music at night")
    expect(ideas).to_contain_text("Loud music at night", timeout=LIVE)
    expect(first.get_by_label("Your answer to them")).to_have_value("Good idea")
    first.get_by_role("button", name="Put it on the agenda").click()
    expect(alex.locator("#agenda-items")).to_contain_text("Buses to the centre")
    expect(ideas).not_to_contain_text("Buses to the centre")
    expect(ideas).to_contain_text("Loud music at night")
    assert alex.evaluate("window.notReloaded") is True


def test_choose_who_leads_it_and_its_picture(new_page, users_by_role):
    session, _ = _training(users_by_role)
    item = create_agenda_item(session.id, title="Trip to town", kind="activity")
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    row = page.locator(f"#item-{item.id}")
    row.get_by_role("link", name="Change Trip to town").click()
    row.get_by_label("Dev Shah").check()
    row.get_by_label("Someone else? Write their name.").fill("Mo")
    # "The picture for its kind" follows the kind chosen.
    plain = row.locator("input[name='picture'][value=''] + label img")
    row.get_by_text("Choose a picture", exact=True).click()
    expect(plain).to_have_attribute("src", re.compile(r"activity\.svg$"))
    row.get_by_label("Game", exact=True).check()
    expect(plain).to_have_attribute("src", re.compile(r"game\.svg$"))
    row.get_by_label("A bus").check()
    row.get_by_role("button", name="Save").click()
    saved = page.locator(f"#item-{item.id}")
    expect(saved).to_contain_text("Led by Dev Shah and Mo.")
    expect(saved.locator("h3 img")).to_have_attribute("src", re.compile(r"bus\.svg$"))


def test_delete_and_undo_without_reloading(new_page, users_by_role):
    session, _ = _training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    quiz = create_agenda_item(session.id, title="Quiz", kind="game")
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    page.evaluate("window.notReloaded = true")
    page.locator(f"#item-{quiz.id}").get_by_role("button", name="Delete Quiz").click()
    expect(page.locator("#agenda-items")).not_to_contain_text("Quiz")
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("#agenda-items > li").last).to_contain_text("Quiz")
    assert page.evaluate("window.notReloaded") is True
