"""Each process keeps its compiled glossary, and sees a staff edit made by any other process.

Two app instances on the same database stand for two gunicorn workers (or two servers): each
has its own word lists, as each worker has.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.extensions import db
from portal.words import marking
from portal.words.marking import mark_words
from portal.words.models import GlossaryWord
from portal.words.services import save_word, word_by_slug
from tests.words.test_marking import _marked, _page

BALLOT = _page("<p>A secret ballot.</p>")


@pytest.fixture
def other_worker(app):
    config = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY")}
    other = create_app(
        {
            **config,
            "TESTING": True,
            "PORTAL_URL": "http://localhost",
            "PORTAL_ALLOW_HTTP": True,
            "TRUSTED_HOSTS": ["localhost"],
            "GLOSSARY_RECHECK_SECONDS": 2,
        }
    )
    yield other
    with other.app_context():
        db.engine.dispose()


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(marking.time, "monotonic", lambda: now[0])
    return now


def _count_queries(app):
    seen = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *args: seen.append(1))
    return seen


def test_a_staff_edit_in_one_worker_is_marked_by_the_other_within_2_seconds(
    app, other_worker, glossary, clock
):
    with other_worker.test_request_context("/"):
        assert _marked(mark_words(BALLOT, "en")) == []  # builds and keeps its list
    with app.app_context():  # staff save in the first worker
        save_word(word_by_slug("vote"), {"forms_en": "vote\nballot"})
        db.session.commit()
    clock[0] += 1  # within the recheck time the other worker still uses what it has
    with other_worker.test_request_context("/"):
        assert _marked(mark_words(BALLOT, "en")) == []
    clock[0] += 1.5  # then it asks the database, sees the change and builds its list again
    with other_worker.test_request_context("/"):
        assert _marked(mark_words(BALLOT, "en")) == ["vote"]


def test_the_worker_that_saved_marks_the_change_at_once(other_worker, glossary, clock):
    with other_worker.test_request_context("/"):
        assert _marked(mark_words(BALLOT, "en")) == []
    with other_worker.app_context():
        save_word(word_by_slug("vote"), {"forms_en": "vote\nballot"})
        db.session.commit()
    with other_worker.test_request_context("/"):
        assert _marked(mark_words(BALLOT, "en")) == ["vote"]


def test_a_word_removed_elsewhere_stops_being_marked(app, other_worker, glossary, clock):
    page = _page("<p>The agenda.</p>")
    with other_worker.test_request_context("/"):
        assert _marked(mark_words(page, "en")) == ["agenda"]
    with app.app_context():
        db.session.execute(sa.delete(GlossaryWord).where(GlossaryWord.slug == "agenda"))
        db.session.commit()
    clock[0] += 2.5
    with other_worker.test_request_context("/"):
        assert _marked(mark_words(page, "en")) == []


def test_pages_between_checks_cost_no_query(other_worker, glossary, clock):
    with other_worker.test_request_context("/"):
        mark_words(BALLOT, "en")
    queries = _count_queries(other_worker)
    with other_worker.test_request_context("/"):
        for _ in range(5):
            mark_words(_page("<p>The agenda.</p>"), "en")
    assert queries == []
    clock[0] += 3
    with other_worker.test_request_context("/"):
        mark_words(BALLOT, "en")
    assert len(queries) == 1  # the count and newest change: nothing changed, nothing rebuilt
