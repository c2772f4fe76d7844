"""Agendas in a real browser: nothing typed is lost (words kept across a reload, offered back
with a choice, old ones thrown away), and "Add this part" is sent once a tap."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.agenda_helpers import (
    drafts_kept,
    make_training,
    no_drafts_left,
    open_editor,
)
from tests.browser.conftest import PHONE, sign_in, sign_out
from tests.factories import (
    PASSWORD,
    create_agenda_item,
    create_board,
    create_concern,
)


def test_typed_words_survive_a_reload(new_page, users_by_role):
    session, _ = make_training(users_by_role)
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
    session, _ = make_training(users_by_role)
    page = open_editor(new_page, session)
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


def test_a_draft_survives_other_swaps_and_a_reload_after_a_save(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    welcome = create_agenda_item(session.id, title="Welcome")
    page = open_editor(new_page, session)
    form = page.locator("#add-item")
    form.get_by_label("What is this part called?").fill("Lunch")
    form.get_by_label("How many minutes does it take?").fill("45")
    form.get_by_role("button", name="Add this part").click()
    expect(page.locator("#agenda-items")).to_contain_text("Lunch")
    no_drafts_left(page)  # saved: this phone's copy is gone
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
    session, dev = make_training(users_by_role)
    board = create_board("Getting about")
    concern = create_concern(board.id, users_by_role["member"].id, "Buses stop too early")
    alex = users_by_role["co_trainer"]
    item = create_agenda_item(session.id, title="Trip to town", leader_ids=[alex.id])
    page = open_editor(new_page, session)
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
    session, _ = make_training(users_by_role)
    page = open_editor(new_page, session)
    form = page.locator("#add-item")
    title = form.get_by_label("What is this part called?")
    title.fill("Lunch")
    page.reload()
    form.get_by_role("button", name="Throw it away").click()
    expect(title).to_have_value("")
    expect(title).to_be_focused()
    expect(form).not_to_contain_text("You typed something here before.")
    assert drafts_kept(page) == []
    # Words from 3 days ago are not offered at all.
    alex = users_by_role["co_trainer"]
    key = f"cg-keep:{alex.id}:agenda-new-{session.id}"
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
    assert drafts_kept(page) == [key]
    sign_out(page)
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    assert drafts_kept(page) == []


def test_saving_after_the_session_ended_signs_in_again_and_keeps_the_words(
    app, new_page, users_by_role
):
    from tests.security.signin_helpers import end_sign_ins

    session, _ = make_training(users_by_role)
    item = create_agenda_item(session.id, title="Break", kind="break", minutes=15)
    page = open_editor(new_page, session)
    row = page.locator(f"#item-{item.id}")
    row.get_by_role("link", name="Change Break").click()
    row.get_by_label("What is this part called?").fill("Tea break")
    # Alex's sign-in ends (on another phone); this browser still holds its cookies. (Without
    # them it would be a stranger's post, and a stranger's words are never kept.)
    end_sign_ins(app, users_by_role["co_trainer"].id)
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
    no_drafts_left(page)  # saved now, so this phone's copy is gone


def test_words_kept_for_one_person_are_not_offered_to_the_next_on_the_phone(
    new_page, users_by_role
):
    """Alex's session ends without signing out, and Dev signs in on the same phone."""
    session, _ = make_training(users_by_role)
    page = open_editor(new_page, session)
    form = page.locator("#add-item")
    form.get_by_label("What is this part called?").fill("Alex's secret plan")
    page.context.clear_cookies(name="cg_session")

    sign_in(page, "dev", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    form = page.locator("#add-item")
    expect(form.get_by_label("What is this part called?")).to_have_value("")
    expect(form).not_to_contain_text("You typed something here before.")

    page.context.clear_cookies(name="cg_session")
    sign_in(page, "alex", PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    form = page.locator("#add-item")
    expect(form).to_contain_text("You typed something here before. Do you want it back?")
    form.get_by_role("button", name="Put it back").click()
    expect(form.get_by_label("What is this part called?")).to_have_value("Alex's secret plan")


def test_old_words_anyone_kept_on_the_phone_are_thrown_away(new_page, users_by_role):
    session, _ = make_training(users_by_role)
    page = open_editor(new_page, session)
    old, fresh = "cg-keep:999:agenda-new-1", "cg-keep:998:agenda-new-1"
    page.evaluate(
        """([old, fresh]) => {
            const day = 24 * 3600 * 1000;
            localStorage.setItem(old, JSON.stringify({at: Date.now() - 3 * day, values: {}}));
            localStorage.setItem(fresh, JSON.stringify({at: Date.now() - day, values: {}}));
        }""",
        [old, fresh],
    )
    page.reload()
    page.wait_for_function("key => localStorage.getItem(key) === null", arg=old)
    assert fresh in drafts_kept(page)  # someone else's, and not old yet: theirs to get back
