"""Glossary words are marked in our own text on a page, once each, and nowhere else."""

from __future__ import annotations

import re
import time

import pytest

from portal.extensions import db
from portal.words.marking import mark_words
from portal.words.services import save_word, word_by_slug
from tests.conftest import htmx_headers

MARK = re.compile(r'<a class="word-mark" href="/words#word-([\w-]+)"')


def _marked(html: str) -> list[str]:
    return MARK.findall(html)


def test_a_word_is_marked_once_and_not_in_headings_links_or_buttons(client, glossary):
    page = client.get("/help").get_data(as_text=True)
    assert _marked(page).count("staff") == 1
    # The heading "Talk to staff" comes first, but the mark goes on the sentence after it.
    assert re.search(r'<span>Talk to staff</span></h2>\s*<p><span class="word-mark-wrap">', page)
    assert '<a class="word-mark" href="/words#word-staff"' in page
    assert "That is fine. Staff can give you a new one." in page  # the second use stays plain
    assert 'hx-get="/words/supporter"' in page and 'id="meaning-supporter"' in page


def _page(body: str) -> str:
    return f'<html><body><nav>agenda</nav><main id="main" tabindex="-1">{body}</main></body></html>'


@pytest.mark.parametrize(
    "inside",
    [
        "<h2>An agenda</h2>",
        '<a href="/x">the agenda</a>',
        '<button type="submit">See the agenda</button>',
        "<label for=x>Agenda</label>",
        "<textarea>agenda</textarea>",
        "<select><option>agenda</option></select>",
        "<code>agenda</code>",
        "<bdi>My agenda</bdi>",
        '<p dir="auto">The agenda, typed by a member</p>',
        "<div data-no-words><p>agenda</p></div>",
        "<script>const agenda = 1;</script>",
        '<p title="agenda">Nothing here</p>',
        "<p>agendas-list and agendaX</p>",
    ],
)
def test_never_marked_there(app, glossary, inside):
    with app.test_request_context("/"):
        html = _page(inside)
        assert mark_words(html, "en") == html


def test_the_page_outside_the_marks_is_kept_byte_for_byte(app, glossary):
    body = (
        '<h1>Agenda</h1><p class="x">The &amp; <b>agenda</b> for our\n<i>Session</i>.</p>'
        "<p>Another agenda, another session.</p>"
    )
    with app.test_request_context("/"):
        marked = mark_words(_page(body), "en")
    assert _marked(marked) == ["agenda", "session"]
    unmarked = re.sub(r'<span class="word-mark-wrap"><a [^>]*><img [^>]*>([^<]*)</a>'
                      r'<span [^>]*></span></span>', r"\1", marked)  # fmt: skip
    assert unmarked == _page(body)
    assert '<i><span class="word-mark-wrap">' in marked  # keeps the word's own case: "Session"
    assert ">Session</a>" in marked


def test_longer_words_win_and_welsh_has_its_own_forms(app, glossary):
    with app.test_request_context("/"):
        english = mark_words(_page("<p>A common concern is a concern many share.</p>"), "en")
        welsh = mark_words(_page("<p>Mae hwn yn bryder cyffredin a phryder.</p>"), "cy")
    assert _marked(english) == ["common-concern", "concern"]
    assert _marked(welsh) == ["common-concern", "concern"]


def test_staff_changes_are_marked_at_once(app, client, glossary):
    with app.app_context():
        word = word_by_slug("vote")
        save_word(word, {"forms_en": "vote\nballot"})
        db.session.commit()
    with app.test_request_context("/"):
        assert _marked(mark_words(_page("<p>A secret ballot.</p>"), "en")) == ["vote"]


def test_no_marks_in_pieces_for_htmx_or_without_a_glossary(client):
    assert _marked(client.get("/help").get_data(as_text=True)) == []  # empty glossary


def test_htmx_pieces_are_not_marked(client, glossary):
    page = client.get("/help", headers=htmx_headers()).get_data(as_text=True)
    assert _marked(page) == []


@pytest.mark.parametrize("hidden_word", [False, True], ids=["words-early", "read-to-the-end"])
def test_marking_a_big_page_is_fast(app, glossary, hidden_word):
    """A page of 600 cards. With a word only in a link, the whole page is read."""
    cards = "".join(
        f'<li class="card"><h2><a href="/c/{n}"><bdi>Bus {n}</bdi></a></h2>'
        f"<p>12 people support this concern. A member wrote it. Staff replied.</p>"
        f'<form><button type="submit">Support</button></form></li>'
        for n in range(600)
    )
    extra = '<a href="/sessions">Sessions</a>' if hidden_word else ""
    html = _page(f"<ul>{cards}</ul>{extra}")
    with app.test_request_context("/"):
        mark_words(html, "en")  # builds the word list once
        started = time.process_time()  # CPU time: other work on the machine does not count
        for _ in range(5):
            marked = mark_words(html, "en")
        each = (time.process_time() - started) / 5
    assert len(html) > 100_000, len(html)
    assert sorted(_marked(marked)) == ["concern", "member", "staff", "support-a-concern"]
    print(f"marking {len(html)} characters: {each * 1000:.1f} ms")
    assert each < 0.2, f"{each * 1000:.0f} ms to mark a 600-card page"


# Letters that Python's case-blind matching takes for another: long s for "s", the Kelvin sign
# for "k", a dotted capital I for "i". Their lower case is not that letter.
ODD_LETTERS = [("\u017ftaff", "staff"), ("pass\u212aey", "passkey"), ("pr\u0130vate", "private")]


@pytest.mark.parametrize(("odd", "slug"), ODD_LETTERS, ids=["long-s", "kelvin", "dotted-i"])
def test_letters_that_match_another_letter_are_marked_never_an_error(app, glossary, odd, slug):
    body = f"<p>{odd} and {slug}.</p>"
    with app.test_request_context("/"):
        marked = mark_words(_page(body), "en")
    assert _marked(marked) == [slug]
    assert f">{odd}</a>" in marked or f">{slug}</a>" in marked
    assert odd in marked  # the words as written stay


def test_a_page_with_typed_odd_letters_opens(client, glossary):
    """The 500 this guards against came from such letters in any text the page shows."""
    response = client.post_form("/words/hints?field=words", {"words": "\u017fubmit now"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "marked"),
    [
        ('<p hx-target="closest li > div">An agenda</p>', ["agenda"]),
        ("<!-- an agenda --><p>No word here</p>", []),
        ("<p>Tom &amp; the agenda</p>", ["agenda"]),
        ("<div data-no-words><div><p>agenda</p></div></div><p>An agenda</p>", ["agenda"]),
        ("<p>Back<br/>to the agenda</p>", ["agenda"]),
    ],
    ids=["quoted-bracket", "comment", "reference", "nested-opt-out", "self-closed"],
)
def test_tags_and_text_are_told_apart(app, glossary, body, marked):
    with app.test_request_context("/"):
        html = mark_words(_page(body), "en")
    assert _marked(html) == marked
    if marked:  # the mark is on the running text, after the opted-out block
        assert html.index('class="word-mark"') > html.find("</div></div>")
