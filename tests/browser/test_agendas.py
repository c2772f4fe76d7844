"""Agendas in a real browser: two co-trainers editing at once in two browser contexts, the
conflict screen, reordering, words kept across a reload, and the member's published agenda."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from portal.timeutil import utcnow
from tests.browser.conftest import PHONE, sign_in
from tests.browser.page_checks import page_problems, walk_and_check
from tests.factories import (
    PASSWORD,
    create_agenda_item,
    create_board,
    create_concern,
    create_session,
    create_suggestion,
    create_user,
    publish_agenda,
    take_off_agenda_item,
)

LIVE = 5_000  # "within 5 seconds"
SIGNED_OUT = "You are signed out. Please sign in again."


def _training(users_by_role):
    dev = create_user("co_trainer", username="dev", display_name="Dev Shah")
    start = utcnow().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=7)
    session = create_session(
        title="Train the trainers",
        starts_in=start - utcnow().replace(second=0, microsecond=0),
        trainers=[users_by_role["co_trainer"], dev],
    )
    return session, dev


def _editor(new_page, session, username="alex", javascript=True):
    page = new_page(PHONE, javascript=javascript)
    sign_in(page, username, PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    return page


DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('cg-keep:agenda:'))"


def _drafts(page) -> list[str]:
    """The agenda words kept on this phone."""
    return page.evaluate(DRAFTS)


def _no_drafts_left(page) -> None:
    """Wait for the page's script to forget the words the server has saved."""
    page.wait_for_function(f"() => {DRAFTS}.length === 0")


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
    # Said in the status area too, for people who cannot see the list change.
    expect(dev.locator("#agenda-status")).to_have_text("Alex Rivera changed Tea and biscuits.")
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
    # Offered back, not put back unasked.
    expect(form).to_contain_text("You typed something here before. Do you want it back?")
    expect(form.get_by_label("What is this part called?")).to_have_value("")
    form.get_by_role("button", name="Put it back").click()
    expect(form.get_by_label("What is this part called?")).to_have_value("Lunch")
    expect(form.get_by_label("What is this part called?")).to_be_focused()
    expect(form.get_by_label("What happens? Use easy words.")).to_have_value("We eat together.")
    expect(form).to_contain_text("We put back what you were typing before.")
    form.get_by_label("How many minutes does it take?").fill("45")
    form.get_by_role("button", name="Add this part").click()
    expect(page.locator("#agenda-items")).to_contain_text("Lunch")
    page.reload()
    expect(page.locator("#add-item").get_by_label("What is this part called?")).to_have_value("")


# Tap "Add this part", then tap it again 100 ms later, and say whether it was disabled then.
# From the page itself: while a navigation is under way Playwright cannot reach the page.
TWO_TAPS = """() => {
    const button = document.querySelector("#add-item button[type='submit']");
    button.click();
    setTimeout(() => { console.log("disabled:" + button.disabled); button.click(); }, 100);
}"""


def test_a_second_tap_on_add_while_it_is_sent_sends_nothing(new_page, users_by_role):
    """The first send is held on its way (a slow phone line), and the person taps again."""
    session, _ = _training(users_by_role)
    page = _editor(new_page, session)
    held, said = [], []
    page.route("**/items", lambda route: held.append(route))
    page.on("console", lambda message: said.append(message.text))
    form = page.locator("#add-item")
    form.get_by_label("What is this part called?").fill("Lunch")
    form.get_by_label("How many minutes does it take?").fill("45")
    page.evaluate(TWO_TAPS)
    page.wait_for_timeout(500)
    assert "disabled:true" in said
    assert len(held) == 1  # the browser sent it once
    held[0].continue_()
    page.unroute("**/items")
    expect(page.locator(".messages")).to_contain_text("You added Lunch.")
    expect(page.locator("#agenda-items > li")).to_have_count(1)
    # The fresh page's button works: the next part is added too.
    button = form.get_by_role("button", name="Add this part")
    expect(button).to_be_enabled()
    form.get_by_label("What is this part called?").fill("Goodbye")
    form.get_by_label("How many minutes does it take?").fill("10")
    button.click()
    expect(page.locator("#agenda-items > li")).to_have_count(2)


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


def test_a_member_sees_what_was_taken_off_since_they_last_looked(new_page, users_by_role):
    session, _ = _training(users_by_role)
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
    session, _ = _training(users_by_role)
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
        page, live_server, expected_lang="en", start=f"/agendas/session/{session.id}"
    )
    assert any(f"/items/{item.id}" in url for url in report)
    assert any("/history" in url for url in report)
    problems = {url: found for url, found in report.items() if found}
    assert not problems, problems


DRAG = """([from, to]) => {
    const source = document.getElementById(from), target = document.getElementById(to);
    const data = new DataTransfer();
    const fire = (element, type) => element.dispatchEvent(
        new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
    fire(source, 'dragstart'); fire(target, 'dragover'); fire(target, 'drop'); fire(source, 'dragend');
}"""


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
    page.evaluate(DRAG, [f"item-{games.id}", f"item-{welcome.id}"])
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games", timeout=10_000)
    expect(page.locator("#agenda-status")).to_have_text("You moved Games.")
    page.reload()
    expect(page.locator("#agenda-items > li").first).to_contain_text("Games")
    # A move the server refuses is said, not dropped in silence.
    page.route("**/move", lambda route: route.fulfill(status=500, body=""))
    page.evaluate(DRAG, [f"item-{games.id}", f"item-{welcome.id}"])
    expect(page.locator("#connection-status")).to_have_text("That did not work. Please try again.")


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


# ---- Nothing typed is lost (drafts kept on the phone) ----


def test_a_draft_survives_other_swaps_and_a_reload_after_a_save(new_page, users_by_role):
    session, _ = _training(users_by_role)
    welcome = create_agenda_item(session.id, title="Welcome")
    page = _editor(new_page, session)
    form = page.locator("#add-item")
    form.get_by_label("What is this part called?").fill("Lunch")
    form.get_by_label("How many minutes does it take?").fill("45")
    form.get_by_role("button", name="Add this part").click()
    expect(page.locator("#agenda-items")).to_contain_text("Lunch")
    _no_drafts_left(page)  # saved: this phone's copy is gone
    expect(page).not_to_have_url(re.compile("forget="))  # so a reload cannot say it again
    form.get_by_label("What is this part called?").fill("Games")
    # Swaps that have nothing to do with it: a Change elsewhere, the What's new badge.
    row = page.locator(f"#item-{welcome.id}")
    row.get_by_role("link", name="Change Welcome").click()
    expect(row.get_by_label("What is this part called?")).to_be_visible()
    with page.expect_response("**/whats-new/count"):
        page.evaluate("document.body.dispatchEvent(new Event('notices-changed'))")
    page.reload()
    form.get_by_role("button", name="Put it back").click()
    expect(form.get_by_label("What is this part called?")).to_have_value("Games")


def test_leaders_and_the_concern_come_back_right_after_a_reload(new_page, users_by_role):
    session, dev = _training(users_by_role)
    board = create_board("Getting about")
    concern = create_concern(board.id, users_by_role["member"].id, "Buses stop too early")
    alex = users_by_role["co_trainer"]
    item = create_agenda_item(session.id, title="Trip to town", leader_ids=[alex.id])
    page = _editor(new_page, session)
    row = page.locator(f"#item-{item.id}")
    row.get_by_role("link", name="Change Trip to town").click()
    row.get_by_label("Alex Rivera").uncheck()
    row.get_by_label("Dev Shah").check()
    row.get_by_label("Is it about a concern?").select_option(label="Buses stop too early")
    row.get_by_label("What is this part called?").fill("Trip to the bus station")
    page.reload()
    row.get_by_role("link", name="Change Trip to town").click()
    row.get_by_role("button", name="Put it back").click()
    expect(row.get_by_label("What is this part called?")).to_have_value("Trip to the bus station")
    expect(row.get_by_label("Dev Shah")).to_be_checked()
    expect(row.get_by_label("Dev Shah")).to_have_attribute("value", str(dev.id))
    expect(row.get_by_label("Alex Rivera")).not_to_be_checked()
    expect(row.get_by_label("Alex Rivera")).to_have_attribute("value", str(alex.id))
    expect(row.get_by_label("Is it about a concern?")).to_have_value(str(concern.id))
    row.get_by_role("button", name="Save").click()
    expect(row).to_contain_text("Led by Dev Shah.")
    expect(row).to_contain_text("About the concern: Buses stop too early")


def test_old_words_go_and_others_are_offered_with_a_choice(new_page, users_by_role):
    session, _ = _training(users_by_role)
    page = _editor(new_page, session)
    form = page.locator("#add-item")
    title = form.get_by_label("What is this part called?")
    title.fill("Lunch")
    page.reload()
    form.get_by_role("button", name="Throw it away").click()
    expect(title).to_have_value("")
    expect(title).to_be_focused()
    expect(form).not_to_contain_text("You typed something here before.")
    assert _drafts(page) == []
    # Words from 3 days ago are not offered at all.
    key = f"cg-keep:agenda:agenda-new-{session.id}"
    page.evaluate(
        """key => localStorage.setItem(key, JSON.stringify(
            {at: Date.now() - 3 * 24 * 3600 * 1000, sent: 0, values: {title: ["Old words"]}}))""",
        key,
    )
    page.reload()
    page.wait_for_function("key => localStorage.getItem(key) === null", arg=key)
    expect(form).not_to_contain_text("You typed something here before.")
    # Signing out takes this phone's agenda words with it: the next person may not be you.
    title.fill("Secret plans")
    assert _drafts(page) == [key]
    page.get_by_role("navigation").get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert _drafts(page) == []


# ---- Your own actions: an open form stays, and focus follows what you did ----


def test_an_open_change_form_survives_your_own_move_delete_undo_and_answer(new_page, users_by_role):
    session, _ = _training(users_by_role)
    alpha = create_agenda_item(session.id, title="Alpha")
    beta = create_agenda_item(session.id, title="Beta")
    gamma = create_agenda_item(session.id, title="Gamma")
    create_suggestion(session.id, users_by_role["member"].id, "Buses to the centre")
    page = _editor(new_page, session)
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
    session, _ = _training(users_by_role)
    create_agenda_item(session.id, title="Welcome")
    games = create_agenda_item(session.id, title="Games", kind="game")
    quiz = create_agenda_item(session.id, title="Quiz", kind="game")
    create_suggestion(session.id, users_by_role["member"].id, "Buses to the centre")
    page = _editor(new_page, session)
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


# ---- The session ends, the network hangs, the server says no ----


def test_saving_after_the_session_ended_signs_in_again_and_keeps_the_words(new_page, users_by_role):
    session, _ = _training(users_by_role)
    item = create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    page = _editor(new_page, session)
    row = page.locator(f"#item-{item.id}")
    row.get_by_role("link", name="Change Break").click()
    row.get_by_label("What is this part called?").fill("Tea break")
    page.context.clear_cookies(name="cg_session")
    row.get_by_role("button", name="Save").click()
    # The whole page goes to sign in; no sign-in page inside the list.
    expect(page).to_have_url(re.compile(r"/sign-in"))
    expect(page.locator("h1")).to_have_count(1)
    page.get_by_label("Your username").fill("alex")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("We kept what you typed")).to_be_visible()
    page.get_by_role("button", name="Send it again").click()
    expect(page.locator(f"#item-{item.id}")).to_contain_text("Tea break")
    _no_drafts_left(page)  # saved now, so this phone's copy is gone


def test_live_updates_say_when_you_are_signed_out(new_page, users_by_role):
    session, _ = _training(users_by_role)
    page = _editor(new_page, session)
    page.evaluate("window.notReloaded = true")
    page.context.clear_cookies(name="cg_session")
    expect(page.locator("#connection-status")).to_have_text(SIGNED_OUT, timeout=LIVE)
    expect(page.locator("h1")).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True


def test_a_refresh_in_the_background_never_leaves_the_page_when_signed_out(new_page, users_by_role):
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.goto("/help")
    page.context.clear_cookies(name="cg_session")
    with page.expect_response("**/whats-new/count"):
        page.evaluate("document.body.dispatchEvent(new Event('notices-changed'))")
    expect(page.locator("#connection-status")).to_have_text(SIGNED_OUT)
    expect(page).to_have_url(re.compile(r"/help$"))
    expect(page.locator("h1")).to_have_count(1)


def test_a_hung_live_update_gives_up_and_live_updates_carry_on(new_page, users_by_role):
    session, _ = _training(users_by_role)
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    hung = []

    def hang_the_first(route):
        if hung:
            route.continue_()
        else:
            hung.append(route)  # never answered, like a request lost on a phone network

    page.route("**/live?*", hang_the_first)
    page.goto(f"/agendas/session/{session.id}")
    with page.expect_request("**/live?*"):
        pass
    create_agenda_item(session.id, title="Games")
    # Given up after 10 seconds, then asked again.
    expect(page.locator("#agenda-items")).to_contain_text("Games", timeout=20_000)


def test_a_refused_live_update_says_so(new_page, users_by_role):
    session, _ = _training(users_by_role)
    page = new_page(PHONE)
    sign_in(page, "alex", PASSWORD)
    page.route("**/live?*", lambda route: route.fulfill(status=403, body=""))
    page.goto(f"/agendas/session/{session.id}")
    expect(page.locator("#connection-status")).to_have_text(
        "You cannot change this agenda now.", timeout=LIVE
    )
