"""Agendas in a real browser: planning together (the conflict screen, who leads a part and its
picture, delete and undo, focus after each action, open forms kept), the member's published
agenda, and the page checks. Live updates, words kept, and reordering have files of their own."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.agenda_helpers import (
    LIVE,
    make_training,
    open_editor,
    two_editors,
)
from tests.browser.conftest import PHONE, sign_in
from tests.browser.page_checks import page_problems, walk_and_check
from tests.factories import (
    PASSWORD,
    create_agenda_item,
    create_suggestion,
    publish_agenda,
    take_off_agenda_item,
)


def test_a_conflicting_edit_shows_the_conflict_screen(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    item = create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    alex, dev = two_editors(new_page, session)
    for page in (alex, dev):
        row = page.locator(f"#item-{item.id}")
        row.get_by_role("link", name="Change Break").click()
        expect(row.get_by_label("What is this part called?")).to_be_visible()
    dev_row = dev.locator(f"#item-{item.id}")
    dev_row.get_by_label("What is this part called?").fill("Tea break")
    dev_row.get_by_label("How many minutes does it take?").fill("20")
    dev_row.get_by_role("button", name="Save").click()
    expect(dev.locator(f"#item-{item.id}")).to_contain_text("Tea break")

    alex_row = alex.locator(f"#item-{item.id}")
    alex_row.get_by_label("What is this part called?").fill("Coffee break")
    alex_row.get_by_role("button", name="Save").click()
    conflict = alex.locator(f"#item-{item.id}")
    expect(conflict).to_contain_text("Someone else changed this part")
    expect(conflict.get_by_role("heading", name="Someone else changed this part")).to_be_focused()
    expect(conflict).to_contain_text("What Dev Shah saved")
    expect(conflict).to_contain_text("Tea break")
    expect(conflict.get_by_label("What is this part called?")).to_have_value("Coffee break")
    # Only Dev changed the minutes: they are in Alex's form, and the words Alex's phone kept
    # (with the old minutes) are not offered over them.
    expect(conflict.get_by_label("How many minutes does it take?")).to_have_value("20")
    expect(conflict).not_to_contain_text("You typed something here before.")
    conflict.get_by_label("What is this part called?").fill("Tea or coffee break")
    conflict.get_by_role("button", name="Save my words").click()
    expect(alex.locator(f"#item-{item.id}")).to_contain_text("Tea or coffee break")
    expect(dev.locator(f"#item-{item.id}")).to_contain_text("Tea or coffee break", timeout=LIVE)


def test_member_reads_the_published_agenda(new_page, live_server, users_by_role):
    session, _ = make_training(users_by_role)
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
    report = walk_and_check(
        page,
        live_server,
        expected_lang="en",
        start=f"/sessions/{session.id}",
        within=(f"/sessions/{session.id}", "/agendas/"),
    )
    assert any("/print" in url for url in report)
    assert any("/suggest" in url for url in report)
    problems = {url: found for url, found in report.items() if found}
    assert not problems, problems


def test_a_member_sees_what_was_taken_off_since_they_last_looked(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    tea = create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    publish_agenda(session.id)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{session.id}")
    expect(page.locator("#agenda")).to_contain_text("10am Welcome")
    expect(page.locator("#agenda-removed")).to_have_count(0)
    take_off_agenda_item(tea.id)
    page.reload()
    removed = page.locator("#agenda-removed")
    expect(removed.get_by_role("heading", name="Taken off since you last looked")).to_be_visible()
    expect(removed.get_by_role("listitem")).to_have_text(["Break"])
    assert page_problems(page, "en") == []
    page.reload()  # seen now
    expect(page.locator("#agenda-removed")).to_have_count(0)


def test_agenda_pages_pass_the_checks_for_a_co_trainer(new_page, live_server, users_by_role):
    session, _ = make_training(users_by_role)
    item = create_agenda_item(session.id, title="Welcome")
    create_agenda_item(session.id, title="Long walk", kind="activity", minutes=200)
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    # The history has who let members see it and who made it a draft again.
    page.goto(f"/agendas/session/{session.id}")
    page.get_by_role("button", name="Let members see it").click()
    page.get_by_role("button", name="Make it a draft again").click()
    expect(page.get_by_role("button", name="Let members see it")).to_be_visible()
    report = walk_and_check(
        page,
        live_server,
        expected_lang="en",
        start=f"/agendas/session/{session.id}",
        within=("/agendas/",),
    )
    assert any(f"/items/{item.id}" in url for url in report)
    assert any("/history" in url for url in report)
    problems = {url: found for url, found in report.items() if found}
    assert not problems, problems


def test_choose_who_leads_it_and_its_picture(new_page, users_by_role):
    session, _ = make_training(users_by_role)
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
    expect(plain).to_have_attribute("src", re.compile(r"activity\.svg(\?v=\w+)?$"))
    row.get_by_label("Game", exact=True).check()
    expect(plain).to_have_attribute("src", re.compile(r"game\.svg(\?v=\w+)?$"))
    row.get_by_label("A bus").check()
    row.get_by_role("button", name="Save").click()
    saved = page.locator(f"#item-{item.id}")
    expect(saved).to_contain_text("Led by Dev Shah and Mo.")
    expect(saved.locator("h3 img")).to_have_attribute("src", re.compile(r"bus\.svg(\?v=\w+)?$"))


def test_delete_and_undo_without_reloading(new_page, users_by_role):
    session, _ = make_training(users_by_role)
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


def test_an_open_change_form_survives_your_own_move_delete_undo_and_answer(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    alpha = create_agenda_item(session.id, title="Alpha")
    beta = create_agenda_item(session.id, title="Beta")
    gamma = create_agenda_item(session.id, title="Gamma")
    create_suggestion(session.id, users_by_role["member"].id, "Buses to the centre")
    page = open_editor(new_page, session)
    row = page.locator(f"#item-{alpha.id}")
    row.get_by_role("link", name="Change Alpha").click()
    title = row.get_by_label("What is this part called?")
    title.fill("Alpha and tea")
    page.locator(f"#item-{gamma.id}").get_by_role("button", name="Move up Gamma").click()
    expect(page.locator("#agenda-items > li").nth(1)).to_contain_text("Gamma")
    expect(title).to_have_value("Alpha and tea")
    page.locator(f"#item-{beta.id}").get_by_role("button", name="Delete Beta").click()
    expect(page.locator("#agenda-items")).not_to_contain_text("Beta")
    expect(title).to_have_value("Alpha and tea")
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("#agenda-items")).to_contain_text("Beta")
    expect(title).to_have_value("Alpha and tea")
    page.locator("#agenda-suggestions").get_by_role("button", name="Put it on the agenda").click()
    expect(page.locator("#agenda-items")).to_contain_text("Buses to the centre")
    expect(title).to_have_value("Alpha and tea")
    # Its own Save is the one action that replaces it.
    row.get_by_role("button", name="Save").click()
    expect(row).to_contain_text("Alpha and tea")
    expect(title).to_have_count(0)


def test_focus_follows_each_action(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    quiz = create_agenda_item(session.id, title="Quiz", kind="game")
    create_suggestion(session.id, users_by_role["member"].id, "Buses to the centre")
    page = open_editor(new_page, session)
    # With live updates on: each action's own answer makes the next update a whole one, which
    # used to move every part and so take focus off the one you were on (now and then, as the
    # update came before or after the check).
    row = page.locator(f"#item-{games.id}")
    row.get_by_role("link", name="Change Games").press("Enter")
    expect(row.get_by_label("What is this part called?")).to_be_focused()
    row.get_by_label("What is this part called?").fill("Board games")
    row.get_by_role("button", name="Save").press("Enter")
    expect(row.get_by_role("link", name="Change Board games")).to_be_focused()
    quiz_row = page.locator(f"#item-{quiz.id}")
    quiz_row.get_by_role("button", name="Move up Quiz").press("Enter")
    expect(page.locator("#agenda-items > li").nth(1)).to_contain_text("Quiz")
    expect(quiz_row.get_by_role("button", name="Move up Quiz")).to_be_focused()
    quiz_row.get_by_role("button", name="Move up Quiz").press("Enter")
    # First now, so there is no Move up: its heading instead.
    expect(page.locator("#agenda-items > li").first).to_contain_text("Quiz")
    expect(quiz_row.get_by_role("heading")).to_be_focused()
    quiz_row.get_by_role("button", name="Delete Quiz").press("Enter")
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    page.get_by_role("button", name="Undo").press("Enter")
    expect(quiz_row.get_by_role("heading")).to_be_focused()
    # A mistake in an answer: the field to put right.
    idea = page.locator("#agenda-suggestions form").first
    idea.get_by_role("button", name="Say no").press("Enter")
    expect(idea.get_by_label("Your answer to them")).to_be_focused()
    expect(idea.get_by_label("Your answer to them")).to_have_attribute("aria-invalid", "true")
