"""Listen (issue 15): the phone reads the page, or one card, out loud, in a real browser.

The browser's speech is replaced by a stand-in that records what would be said
(tests/browser/speech_stand_in.py); each sentence lasts until the test ends it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from portal.extensions import db
from tests.browser.conftest import NARROW, PHONE, choose_language, sign_in
from tests.browser.page_checks import page_problems
from tests.browser.speech_stand_in import (
    ENGLISH_VOICES,
    WELSH_VOICE,
    finish_sentence,
    give_speech,
    highlighted,
    now_reading,
    spoken,
    spoken_words,
    take_speech_away,
)
from tests.factories import (
    PASSWORD,
    create_agenda_item,
    create_board,
    create_concern,
    create_session,
    create_user,
    publish_agenda,
)

DETAILS = "The bus is late every day. I miss the start of work. My boss is cross."
NOT_MAIN = ["Skip to the main part", "Who made the pictures", "Cymraeg", "Language", "Sign out"]
NO_HIGHLIGHT = """() => document.querySelectorAll('.listen-sentence, .listen-current').length === 0
  && !(CSS.highlights && CSS.highlights.has('listen-sentence'))"""


@pytest.fixture
def concern(member):
    other = create_user("member", username="priya", display_name="Priya Shah")
    board = create_board("Getting about", picture="bus")
    return create_concern(board.id, other.id, "The bus is often late", details=DETAILS)


def _listen_to_the_page(page):
    page.locator(".listen [data-listen=main]").click()
    page.wait_for_function("() => window.__speech.current !== null")


# Resolves once the page has not moved for 3 frames in a row.
STILL = """() => new Promise(resolve => {
  let last = window.scrollY, same = 0;
  const look = () => {
    if (window.scrollY === last) { same += 1; } else { same = 0; last = window.scrollY; }
    if (same >= 3) { resolve(true); } else { requestAnimationFrame(look); }
  };
  requestAnimationFrame(look);
})"""


def _wait_until_still(page):
    """Wait for the smooth scroll to the sentence being read to end.

    Playwright finds where a button is, then clicks there. A page still scrolling moved the
    bar's buttons in between now and then, so the click hit the bar beside Pause and the reading
    went on (about 1 run in 40 under load). A person taps what they see; so does the test.
    """
    page.evaluate(STILL)


def _read_to_the_end(page, limit: int = 200) -> list[tuple[str, str | None]]:
    """Each sentence said, with what was highlighted while it was said."""
    heard = []
    while (words := now_reading(page)) is not None and len(heard) < limit:
        heard.append((words, highlighted(page)))
        finish_sentence(page)
    return heard


def test_the_page_is_read_heading_first_sentence_by_sentence_and_never_the_menu(new_page, concern):
    page = new_page(PHONE)
    give_speech(page)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/{concern.id}")
    details = page.locator(".concern-details")
    before = details.inner_html()
    _listen_to_the_page(page)
    expect(page.locator("[data-listen-bar]")).to_be_visible()
    heard = _read_to_the_end(page)
    said = [words for words, _ in heard]

    assert said[0] == "The bus is often late", "the heading comes first"
    start = said.index("The bus is late every day.")
    assert said[start : start + 3] == [
        "The bus is late every day.",
        "I miss the start of work.",
        "My boss is cross.",
    ]
    # The highlight moves with the voice: each sentence is marked while it is said.
    for words, marked in heard:
        assert marked and marked in words, (words, marked)
    assert "Button: Tell staff about this" in said
    assert "Link: Getting about" not in said, "a link inside a sentence is read with it"
    assert not [words for words in said for menu in NOT_MAIN if menu in words]
    assert not [words for words in said if "Listen" in words], "its own buttons are not read"
    # At the end the bar goes and the page is as it was.
    expect(page.locator("[data-listen-bar]")).to_be_hidden()
    assert page.evaluate(NO_HIGHLIGHT)
    assert details.inner_html() == before
    assert {utterance["lang"] for utterance in spoken(page)} == {"en"}
    assert {utterance["voice"] for utterance in spoken(page)} == {"Daniel"}, "British first"


def test_pause_go_on_slower_faster_and_stop(new_page, concern):
    page = new_page(PHONE)
    give_speech(page)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/{concern.id}")
    details = page.locator(".concern-details")
    before = details.inner_html()
    _listen_to_the_page(page)
    while now_reading(page) != "I miss the start of work.":
        finish_sentence(page)
    bar = page.locator("[data-listen-bar]")

    _wait_until_still(page)
    bar.get_by_role("button", name="Pause").click()
    # Pausing that did not stop the voice fails here, after a second.
    page.wait_for_function("() => window.__speech.current === null", timeout=1_000)
    expect(bar.get_by_role("button", name="Go on")).to_be_focused()
    expect(bar.get_by_role("button", name="Pause")).to_be_hidden()
    assert highlighted(page) == "I miss the start of work.", "the place is kept"
    count = len(spoken(page))
    bar.get_by_role("button", name="Go on").click()
    page.wait_for_function(f"() => window.__speech.spoken.length > {count}")
    assert now_reading(page) == "I miss the start of work.", "it goes on from that sentence"
    expect(bar.get_by_role("button", name="Pause")).to_be_focused()

    bar.get_by_role("button", name="Slower").click()
    page.wait_for_function(f"() => window.__speech.spoken.length > {count + 1}")
    assert spoken(page)[-1] == {**spoken(page)[-2], "rate": 0.8}, "the same sentence, slower"
    expect(page.locator("[data-listen-status]")).to_have_text("Slower.")
    for _ in range(4):
        bar.get_by_role("button", name="Faster").click()
    page.wait_for_function("() => window.__speech.spoken.at(-1).rate === 1.5")
    expect(page.locator("[data-listen-status]")).to_have_text("That is as fast as it goes.")
    count = len(spoken(page))
    page.wait_for_timeout(200)
    assert len(spoken(page)) == count, "no other 'say it again' is still to come"
    finish_sentence(page)
    assert spoken(page)[-1] == {**spoken(page)[-1], "text": "My boss is cross.", "rate": 1.5}

    bar.get_by_role("button", name="Stop").click()
    assert now_reading(page) is None
    expect(bar).to_be_hidden()
    expect(page.locator("[data-listen-status]")).to_have_text("Stopped.")
    expect(page.locator(".listen [data-listen=main]")).to_be_focused()
    assert page.evaluate(NO_HIGHLIGHT)
    assert details.inner_html() == before


def test_without_the_highlight_api_a_span_marks_the_sentence_and_goes_again(new_page, concern):
    page = new_page(PHONE)
    page.add_init_script("delete window.Highlight;")
    give_speech(page)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/{concern.id}")
    details = page.locator(".concern-details")
    before = details.inner_html()
    _listen_to_the_page(page)
    while now_reading(page) != "I miss the start of work.":
        finish_sentence(page)
    assert details.locator(".listen-sentence").all_inner_texts() == ["I miss the start of work."]
    # Paused with the words marked, the page still passes every check (7:1 contrast, 44 px).
    _wait_until_still(page)
    page.locator("[data-listen-bar]").get_by_role("button", name="Pause").click()
    assert page_problems(page, "en") == []
    page.locator("[data-listen-bar]").get_by_role("button", name="Go on").click()
    page.wait_for_function("() => window.__speech.current !== null")
    finish_sentence(page)
    assert details.locator(".listen-sentence").all_inner_texts() == ["My boss is cross."]
    page.keyboard.press("Escape")
    assert page.evaluate(NO_HIGHLIGHT)
    assert details.inner_html() == before
    assert page.evaluate("document.querySelector('.concern-details').childNodes.length") == 1


def test_a_very_long_sentence_is_said_in_parts(new_page, member, concern):
    # Members write as they speak: Chrome cuts an utterance off after about 15 seconds.
    words = [f"word{number}" for number in range(1, 51)]
    words[14] += ","
    long = create_concern(concern.board_id, member.id, "Long", details=" ".join(words))
    page = new_page(PHONE)
    give_speech(page)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/{long.id}")
    _listen_to_the_page(page)
    heard = [said for said, _ in _read_to_the_end(page) if said.startswith("word")]
    assert " ".join(heard) == " ".join(words)
    assert [len(part.split()) for part in heard] == [15, 20, 15], "after the comma, then 20"


def test_the_sentence_read_is_brought_into_view_below_the_bar(new_page, member):
    for number in range(1, 5):
        create_session(title=f"Session number {number}", starts_in=timedelta(days=number))
    page = new_page(PHONE)
    page.emulate_media(reduced_motion="reduce")  # so the page jumps, and the test need not wait
    give_speech(page)
    sign_in(page, "sam", PASSWORD)
    page.goto("/sessions")
    _listen_to_the_page(page)
    while now_reading(page) != "Button: Find out more about Session number 4":
        assert now_reading(page) is not None
        finish_sentence(page)
    button = page.locator(".listen-current").bounding_box()
    bar = page.locator("[data-listen-bar]").bounding_box()
    assert page.evaluate("window.scrollY") > 0
    assert bar["y"] == 0, "the bar stays at the top while the page moves"
    assert bar["height"] <= button["y"] and button["y"] + button["height"] <= PHONE["height"]


def test_a_cards_button_reads_only_that_card(new_page, member, concern):
    other = create_concern(concern.board_id, concern.author_id, "The lift is broken")
    training = create_session(title="Speaking up at meetings")
    create_agenda_item(training.id, title="Welcome", description="We say hello.", minutes=15)
    create_agenda_item(training.id, title="Break", description="Tea and biscuits.", minutes=20)
    publish_agenda(training.id)
    page = new_page(PHONE)
    give_speech(page)
    sign_in(page, "sam", PASSWORD)

    page.goto(f"/concerns/boards/{concern.board_id}")
    page.locator(f"#concern-{other.id} [data-listen]").click()
    heard = [words for words, _ in _read_to_the_end(page)]
    assert heard[0] == "Link: The lift is broken"
    assert not [words for words in heard if "bus" in words or "Getting about" in words]
    assert "Button: I support this" in heard

    page.goto("/sessions")
    page.locator(f"#session-{training.id} [data-listen]").click()
    heard = [words for words, _ in _read_to_the_end(page)]
    assert heard[0] == "Link: Speaking up at meetings"  # the card's title opens the session
    assert heard[-1] == "Button: Find out more about Speaking up at meetings"
    assert "What's on" not in heard

    page.goto(f"/sessions/{training.id}")
    part = page.locator(".agenda-read-item").filter(has_text="Break")
    part.locator("[data-listen]").click()
    heard = [words for words, _ in _read_to_the_end(page)]
    assert heard[0].endswith("Break") and "Tea and biscuits." in heard
    assert not [words for words in heard if "Welcome" in words or "hello" in words]


def test_a_notice_has_its_own_listen_button(new_page, member, app):
    from portal.notices.services import notify

    with app.app_context():
        notify(member.id, "account_welcome", link="/help")
        db.session.commit()
    page = new_page(PHONE)
    give_speech(page)
    sign_in(page, "sam", PASSWORD)
    page.goto("/whats-new")
    notice = page.locator(".notice").first
    words = notice.locator(".notice-words").inner_text().replace("\n", " ")
    notice.locator("[data-listen]").click()
    heard = [said for said, _ in _read_to_the_end(page)]
    assert " ".join(heard[:3]).startswith("New"), heard
    assert heard[-1] == "Button: Have a look"
    assert words.split()[-1] in " ".join(heard)
    assert "Button: Mark all as read" not in heard


HIDDEN_THINGS = """() => {
  const main = document.querySelector('main');
  const add = (html) => { const box = document.createElement('div'); box.innerHTML = html; main.append(box); return box; };
  add('<p hidden>Hidden words.</p><p aria-hidden="true">Words kept from screen readers.</p>');
  add('<details><summary>See more</summary><p>Words in a closed box.</p></details>');
  add('<p>Shown words.</p>').firstChild.after(Object.assign(document.createElement('p'), {textContent: 'Not shown words.'}));
  main.lastChild.lastChild.style.display = 'none';
  add('<p>Change<span class="agenda-hidden-words"> for screen readers only</span></p>');
}"""


def test_hidden_words_are_not_read(new_page):
    page = new_page(PHONE)
    give_speech(page)
    page.goto("/help")
    page.evaluate(HIDDEN_THINGS)
    _listen_to_the_page(page)
    heard = " ".join(words for words, _ in _read_to_the_end(page))
    assert "Button: See more" in heard and "Shown words." in heard and "Change" in heard
    for hidden in ["Hidden", "kept from", "closed box", "Not shown", "screen readers only"]:
        assert hidden not in heard


def test_form_fields_are_read_by_their_labels(new_page):
    page = new_page(PHONE)
    give_speech(page)
    page.goto("/sign-in")
    _listen_to_the_page(page)
    heard = [words for words, _ in _read_to_the_end(page)]
    assert "Box to write in: Your username" in heard
    assert "Box to write in: Your password" in heard
    assert heard.index("Box to write in: Your username") < heard.index("Button: Sign in")
    assert not [words for words in heard if words == "Your username"], "a label is read once"


def test_the_speed_and_voice_come_from_the_reading_settings(new_page):
    page = new_page(PHONE)
    give_speech(page)
    page.goto("/help")
    page.evaluate("document.documentElement.dataset.speechRate = 'slower'")
    page.evaluate("document.documentElement.dataset.voice = 'Samantha'")
    _listen_to_the_page(page)
    assert spoken(page)[0] == {"text": "Get help", "lang": "en", "voice": "Samantha", "rate": 0.8}


def test_voices_that_load_late_are_waited_for_and_the_phones_own_come_first(new_page):
    page = new_page(PHONE)
    online = {"name": "Online English", "lang": "en-GB", "default": True, "localService": False}
    give_speech(page, voices=[online, *ENGLISH_VOICES], late=True)
    page.goto("/help")
    page.locator(".listen [data-listen=main]").click()
    page.wait_for_timeout(200)
    assert spoken(page) == [], "it waits for the voices"
    page.evaluate("window.__speech.loadVoices()")
    page.wait_for_function("() => window.__speech.current !== null")
    assert spoken(page)[0]["voice"] == "Daniel", "a voice on the phone before one online"


def test_the_reading_settings_voice_list_is_filled_with_the_phones_voices(new_page):
    page = new_page(PHONE)
    give_speech(page, voices=[*ENGLISH_VOICES, WELSH_VOICE])
    page.goto("/help")
    page.evaluate("document.documentElement.dataset.voice = 'Samantha'")
    # The select the reading settings page will have; htmx:load is how new content arrives.
    page.evaluate(
        """() => {
      const list = document.createElement('select');
      list.name = 'voice';
      list.dataset.voiceList = '';
      list.append(new Option('The phone chooses', ''));
      document.querySelector('main').append(list);
      list.dispatchEvent(new CustomEvent('htmx:load', {bubbles: true, detail: {elt: list.parentElement}}));
    }"""
    )
    options = page.locator("select[data-voice-list] option")
    expect(options).to_have_count(3)
    assert options.evaluate_all("all => all.map(o => o.value)") == ["", "Samantha", "Daniel"]
    expect(page.locator("select[data-voice-list]")).to_have_value("Samantha")


def test_a_welsh_page_asks_for_a_welsh_voice(new_page):
    page = new_page(PHONE)
    give_speech(page, voices=[*ENGLISH_VOICES, WELSH_VOICE])
    page.goto("/help")
    choose_language(page, "Cymraeg")
    page.goto("/help")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("button", name="Gwrando").first.click()
    page.wait_for_function("() => window.__speech.current !== null")
    assert spoken(page)[0]["lang"] == "cy"
    assert spoken(page)[0]["voice"] == "Gwyneth"
    expect(page.locator("[data-listen-bar]").get_by_role("button", name="Saib")).to_be_visible()


def test_with_no_welsh_voice_it_says_so_and_offers_the_page_in_english(new_page):
    page = new_page(PHONE)
    give_speech(page)
    page.goto("/help")
    choose_language(page, "Cymraeg")
    page.goto("/help")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("button", name="Gwrando").first.click()
    message = page.locator("[data-listen-no-voice]")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Does dim llais Cymraeg ar eich ffôn.")
    assert spoken_words(page) == [], "no English voice mangles the Welsh words"
    assert page_problems(page, "cy") == []

    message.get_by_role("button", name="Gwrando yn Saesneg").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.wait_for_function("() => window.__speech.current !== null")
    assert spoken(page)[0] == {"text": "Get help", "lang": "en", "voice": "Daniel", "rate": 1}
    assert page.url.endswith("/help"), "the page's address is left clean"


def test_when_the_browser_wants_a_tap_first_the_page_asks_for_one(new_page):
    page = new_page(PHONE)
    give_speech(page)
    # Chrome speaks only on a page someone has tapped: not on the one "Listen in English" opens.
    page.add_init_script("window.__speechRefuse = location.hash === '#listen';")
    page.goto("/help")
    choose_language(page, "Cymraeg")
    page.goto("/help")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("button", name="Gwrando").first.click()
    page.get_by_role("button", name="Gwrando yn Saesneg").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    tap = page.locator("[data-listen-tap]")
    expect(tap).to_be_visible()
    expect(tap).to_contain_text("Tap Listen to hear this page.")
    expect(page.locator(".listen [data-listen=main]")).to_be_focused()
    expect(page.locator("[data-listen-bar]")).to_be_hidden()
    assert spoken(page) == []
    page.locator(".listen [data-listen=main]").click()
    page.wait_for_function("() => window.__speech.current !== null")
    expect(tap).to_be_hidden()
    assert spoken_words(page)[0] == "Get help"


def test_with_no_speech_at_all_the_button_says_so(new_page):
    page = new_page(PHONE)
    take_speech_away(page)
    page.goto("/help")
    page.locator(".listen [data-listen=main]").click()
    message = page.locator("[data-listen-unsupported]")
    expect(message).to_be_visible()
    expect(message).to_contain_text("This browser cannot read out loud.")
    expect(page.locator("[data-listen-bar]")).to_be_hidden()
    assert page_problems(page, "en") == []


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["360px", "320px"])
def test_the_bar_fits_and_passes_while_reading(new_page, concern, viewport):
    page = new_page(viewport)
    give_speech(page)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/concerns/boards/{concern.board_id}")
    _listen_to_the_page(page)
    finish_sentence(page)
    assert page_problems(page, "en") == []
    bar = page.locator("[data-listen-bar]").bounding_box()
    assert bar["height"] < viewport["height"] / 3, "the bar leaves room for the page"


def test_the_listen_buttons_are_not_printed(new_page, member):
    training = create_session(title="Speaking up at meetings")
    create_agenda_item(training.id, title="Welcome", description="We say hello.", minutes=15)
    publish_agenda(training.id)
    page = new_page(PHONE)
    sign_in(page, "sam", PASSWORD)
    page.goto(f"/sessions/{training.id}")
    listen = page.locator("[data-listen]")
    expect(listen).to_have_count(2)  # the page's, and the agenda part's
    expect(listen.last).to_be_visible()
    page.emulate_media(media="print")
    expect(listen.first).to_be_hidden()
    expect(listen.last).to_be_hidden()


def test_without_javascript_there_is_no_listen_button(new_page):
    page = new_page(PHONE, javascript=False)
    page.goto("/help")
    expect(page.locator("[data-listen]")).to_have_count(1)
    expect(page.locator("[data-listen]")).to_be_hidden()
