"""Each process keeps the marks it made on recent pages: a page marked again costs a lookup,
a glossary edit is marked at once, and the cache stays small."""

from __future__ import annotations

from flask import g

from portal.extensions import db
from portal.words import marking
from portal.words.marking import mark_words
from portal.words.services import save_word, word_by_slug
from tests.words.test_marking import _marked, _page


def _kept(app) -> marking._Marks:
    return marking._glossaries(app).marks


def test_the_same_page_is_read_once_and_marked_the_same(app, glossary, monkeypatch):
    page = _page("<p>The agenda for the session.</p>")
    reads, real_find = [], marking.find_words
    monkeypatch.setattr(marking, "find_words", lambda *args: reads.append(1) or real_find(*args))
    with app.test_request_context("/"):
        first = mark_words(page, "en")
        second = mark_words(page, "en")
    assert first == second
    assert _marked(first) == ["agenda", "session"]
    assert reads == [1]


def test_a_glossary_edit_is_marked_at_once(app, glossary):
    page = _page("<p>A secret ballot.</p>")
    with app.test_request_context("/"):
        assert _marked(mark_words(page, "en")) == []
    with app.app_context():
        save_word(word_by_slug("vote"), {"forms_en": "vote\nballot"})
        db.session.commit()
    with app.test_request_context("/"):
        assert _marked(mark_words(page, "en")) == ["vote"]
    with app.app_context():
        save_word(word_by_slug("vote"), {"forms_en": "vote"})
        db.session.commit()
    with app.test_request_context("/"):
        assert _marked(mark_words(page, "en")) == []


def test_each_language_has_its_own_marks(app, glossary):
    page = _page("<p>A concern and a pryder.</p>")
    with app.test_request_context("/"):
        english = mark_words(page, "en")
        welsh = mark_words(page, "cy")
    assert english != welsh
    assert _marked(english) == _marked(welsh) == ["concern"]
    assert ">concern</a>" in english and ">pryder</a>" in welsh


def test_the_cache_keeps_only_the_most_recent_pages(app, glossary, monkeypatch):
    kept = _kept(app)
    monkeypatch.setattr(kept, "size", 3)
    with app.test_request_context("/"):
        for number in range(10):
            marked = mark_words(_page(f"<p>Agenda number {number}.</p>"), "en")
            assert _marked(marked) == ["agenda"]
    assert len(kept.kept) == 3


def test_a_new_csrf_token_finds_the_same_marks_and_keeps_its_own_token(app, glossary):
    form = '<form><input type="hidden" name="csrf_token" value="{}"></form><p>The agenda.</p>'
    marked, before = [], len(_kept(app).kept)
    for token in ("token-one.123", "token-two.456"):
        with app.test_request_context("/"):
            g.csrf_token = token
            marked.append(mark_words(_page(form.format(token)), "en"))
    assert len(_kept(app).kept) == before + 1
    assert marked[1] == marked[0].replace("token-one.123", "token-two.456")
    assert 'value="token-two.456"' in marked[1] and _marked(marked[1]) == ["agenda"]
