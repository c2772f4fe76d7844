"""Hints while writing: each rule, in English and Welsh, and what bad input gets."""

from __future__ import annotations

import re
import time

import pytest

from portal.plain_words import hard_words, long_sentences, shouted_words, words, writing_hints
from tests.conftest import htmx_headers

LONG = "I went to the shop and then I went to the park and then I went home again today."


def _kinds(text, language="en"):
    return [hint.kind for hint in writing_hints(text, language)]


def test_the_hard_words_list_is_long_enough():
    assert len(hard_words("en")) >= 60
    assert hard_words("en")["accommodation"] == "home"
    assert hard_words("cy")  # some Welsh too


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("I like the park. It is green.", []),
        (LONG, ["long"]),
        ("The accommodation is cold.", ["hard"]),
        ("The bus is LATE again.", ["capitals"]),
        ("I have three cats.", ["numbers"]),
        ("The NHS is OK.", []),  # a few letters in capitals are not shouting
        ("I have 3 cats. No one came.", []),  # 'one' is a word, not only a number
    ],
)
def test_each_rule(app, text, kinds):
    with app.test_request_context("/"):
        assert _kinds(text) == kinds


def test_the_hint_says_what_to_say_instead(app):
    with app.test_request_context("/"):
        hint, capitals = writing_hints("We need ACCOMMODATION near the bus.", "en")
    assert capitals.kind == "capitals"
    assert hint.words == "'ACCOMMODATION' is a hard word. You could say 'home'."


def test_a_long_sentence_hint_names_its_start(app):
    with app.test_request_context("/"):
        [hint] = writing_hints(f"Hello. {LONG}", "en")
    assert hint.about == "I went to the"
    assert long_sentences(LONG) == [LONG]


def test_welsh_gets_sentence_length_and_capitals(app):
    long_welsh = "Es i i'r siop ac wedyn es i i'r parc ac wedyn es i adref eto heddiw yn y glaw."
    with app.test_request_context("/", headers={"Accept-Language": "cy"}):
        hints = writing_hints(f"{long_welsh} Mae'r bws yn HWYR. Mae'r llety yn oer.", "cy")
    assert [hint.kind for hint in hints] == ["long", "hard", "capitals"]
    assert hints[0].words == "Mae'r frawddeg yma'n hir. Rhowch gynnig ar ddwy fer."
    assert "'llety'" in hints[1].words and "'cartref'" in hints[1].words


@pytest.mark.parametrize(
    "text",
    [
        "word " * 2_000,  # 10,000 characters in one sentence
        "a." * 5_000,
        "😀" * 3_000 + " CAPITALS 😀 " * 100,
        "\u0627\u0644\u0633\u0644\u0627\u0645 \u0639\u0644\u064a\u0643\u0645 \u202e RTL",
        "nul\x00 in the middle\x00",
        "",
        "   \n\n  ",
    ],
    ids=["10000-characters", "many-sentences", "emoji", "right-to-left", "nul", "empty", "blank"],
)
def test_bad_input_gets_hints_or_nothing(app, client, text):
    with app.test_request_context("/"):
        hints = writing_hints(text, "en")
    assert len(hints) <= 6
    response = client.post_form(
        "/words/hints?field=details", {"details": text}, headers=htmx_headers()
    )
    assert response.status_code == 200
    assert ("Ideas to make your words easy to read:" in response.get_data(as_text=True)) == bool(
        hints
    )


def test_the_endpoint_answers_with_the_hints(client):
    response = client.post_form(
        "/words/hints?field=words", {"words": f"{LONG} The accommodation is BAD."}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<main" not in page
    assert 'data-hint="long"' in page and 'data-hint="hard"' in page
    assert "&#39;accommodation&#39; is a hard word. You could say &#39;home&#39;." in page
    assert "You can still send your words as they are." in page


def test_no_hints_is_an_empty_answer(client):
    for data in ({"words": "I like it here."}, {"other": LONG}, {}):
        response = client.post_form("/words/hints?field=words", data)
        assert response.status_code == 200 and response.get_data(as_text=True) == ""


def test_hints_need_the_csrf_token(client):
    response = client.post("/words/hints?field=words", data={"words": LONG})
    assert response.status_code == 400


def test_shouting_ignores_allowed_words():
    assert shouted_words("Try not to write in CAPITALS.") == set()
    assert shouted_words("STOP this NOW") == {"STOP"}


def test_every_box_for_words_has_hints(client_as, users_by_role):
    """Raising a concern (its words), a reply, an idea for an agenda, and staff's easier words."""
    from tests.factories import create_board, create_concern, create_reply, create_session

    member, staff = users_by_role["member"], users_by_role["staff"]
    board = create_board("Getting about", picture="bus")
    concern = create_concern(board.id, member.id, "The bus is late")
    reply = create_reply(concern.id, member.id)
    training = create_session()
    pages = {
        "member": [
            (f"/concerns/boards/{board.id}/raise", "title"),
            (f"/concerns/{concern.id}", "words"),
            (f"/agendas/session/{training.id}/suggest", "details"),
        ],
        "staff": [
            (f"/moderation/concerns/{concern.id}/clarify", "details"),
            (f"/moderation/replies/{reply.id}/clarify", "words"),
        ],
    }
    assert staff.id
    for role, urls in pages.items():
        client = client_as(role)
        for url, field in urls:
            page = client.get(url).get_data(as_text=True)
            assert f'hx-post="/words/hints?field={field}"' in page, url
            assert f'id="{field}-hints" aria-live="polite"' in page, url
            assert 'hx-trigger="input changed delay:700ms' in page, url


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("\u017fubmit now", "\u017fubmit"),  # long s
        ("Please \u017fUBMIT it", "\u017fUBMIT"),
        ("We \u0130nvalid it", "\u0130nvalid"),  # capital I with a dot
        ("The \u212aiosk is shut", "\u212aiosk"),  # the Kelvin sign, in a word from the list below
    ],
    ids=["long-s", "long-s-capitals", "dotted-i", "kelvin"],
)
def test_letters_that_match_another_letter_get_the_hint(app, client, monkeypatch, text, written):
    from portal import plain_words

    lists = plain_words._word_lists()
    english = {**lists["en"], "easier": {**lists["en"]["easier"], "kiosk": "shop"}}
    monkeypatch.setattr(plain_words, "_word_lists", lambda: {**lists, "en": english})
    with app.test_request_context("/"):
        [hint] = [hint for hint in writing_hints(text, "en") if hint.kind == "hard"]
    assert f"'{written}' is a hard word." in hint.words
    response = client.post_form("/words/hints?field=words", {"words": text})
    assert response.status_code == 200
    assert 'data-hint="hard"' in response.get_data(as_text=True)


def test_never_words_with_odd_letters_are_found():
    from portal.plain_words import never_words_in

    found = never_words_in("Please \u017fubmit and log\u0130n")
    assert found == [("\u017fubmit", "send"), ("log\u0130n", "sign in")]


OLD_WORD = re.compile(r"\S*[^\W_]\S*")  # what words() was: it backtracked on a run of "-" or "_"


@pytest.mark.parametrize(
    "text",
    [
        "I like the park. It is green.",
        "a - b -- c_d __ _e_ f-- 3.5 ... ?! don't",
        "😀 word😀 \u0627\u0644\u0633 \u202e RTL nul\x00x \u00a0non-breaking\u2003em",
        "_" * 50 + " " + "-" * 50 + "x" + "-" * 5 + " ²½ \u00b2 \u2460",
        "",
    ],
)
def test_words_are_what_they_were(text):
    assert words(text) == OLD_WORD.findall(text)


@pytest.mark.parametrize("filler", ["_", "-", "-_"])
def test_a_long_run_without_letters_is_checked_quickly(app, filler):
    """Each character is looked at a few times, not once for each place a word could start."""
    text = (filler * 5_000)[:5_000]
    started = time.process_time()  # CPU time: other work on the machine does not count
    OLD_WORD.findall(text)
    old = time.process_time() - started
    started = time.process_time()
    with app.test_request_context("/"):
        for _ in range(10):
            assert words(text) == [] and writing_hints(text, "en") == []
    new = (time.process_time() - started) / 10
    print(f"old words(): {old * 1000:.1f} ms; all hints now: {new * 1000:.2f} ms")
    assert new < old / 10, (new, old)


def test_many_hint_checks_in_a_minute_are_asked_to_wait(client):
    answers = [
        client.post_form("/words/hints?field=words", {"words": LONG}).status_code for _ in range(61)
    ]
    assert answers == [200] * 60 + [429]
    response = client.post_form("/words/hints?field=words", {"words": LONG})
    page = response.get_data(as_text=True)
    assert response.status_code == 429 and "<main" not in page
    assert "Please wait a moment" in page and "You can still send your words as they are." in page
