"""The glossary: complete in both languages, listed on the Words page, changed by staff only."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.words.models import GlossaryWord
from portal.words.services import starting_words
from tests.conftest import htmx_headers

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = starting_words()
NEEDED_WORDS = {
    "agenda", "co-trainer", "concern", "board", "moderation", "supporter", "session",
    "waiting-list", "passkey", "common-concern", "co-production", "one-to-one", "power",
    "action", "campaign", "member", "staff", "reply", "support-a-concern", "notice",
    "help-needs", "sign-in", "card-code", "group", "training", "vote", "meeting", "decision",
    "community-organising", "listening", "leader",
}  # fmt: skip


def test_the_glossary_has_the_words_members_meet():
    slugs = [entry["slug"] for entry in ENTRIES]
    assert len(slugs) == len(set(slugs)) >= 30
    assert set(slugs) >= NEEDED_WORDS


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry["slug"])
def test_every_entry_has_both_languages_a_picture_and_an_example(entry):
    assert (ROOT / "static" / "pictures" / f"{entry['picture']}.svg").is_file()
    for language in ("en", "cy"):
        words = entry[language]
        assert words["term"].strip() and words["meaning"].strip() and words["example"].strip()
        assert words["forms"] and all(form.strip() for form in words["forms"])
    assert entry["en"]["meaning"] != entry["cy"]["meaning"], "the Welsh is not written yet"


def test_upgrading_fills_the_glossary(app):
    """The migration loads the starting words (tests empty the table after it, so run it again)."""
    from flask_migrate import downgrade, upgrade

    with app.app_context():
        downgrade(revision="0017_kept_form_owner")
        upgrade()
        words = db.session.scalars(sa.select(GlossaryWord)).all()
        assert {word.slug for word in words} == {entry["slug"] for entry in ENTRIES}
        agenda = next(word for word in words if word.slug == "agenda")
        assert agenda.meaning_cy.startswith("Rhestr")
        assert agenda.forms("en") == ["agenda", "agendas"]
        db.session.rollback()


def test_the_words_page_lists_every_word_a_to_z_with_anchors(client, glossary):
    page = client.get("/words").get_data(as_text=True)
    terms = [entry["en"]["term"] for entry in ENTRIES]
    positions = [page.index(f">{term}</span></h2>") for term in terms]
    assert [terms[i] for i in sorted(range(len(terms)), key=positions.__getitem__)] == sorted(
        terms, key=str.casefold
    )
    for entry in ENTRIES:
        assert f'id="word-{entry["slug"]}"' in page
        assert entry["en"]["example"].replace("'", "&#39;") in page
    assert "Change Agenda" not in page and "Add a word" not in page


def test_the_words_page_in_welsh(client, glossary):
    client.set_cookie("cg_language", "cy")
    page = client.get("/words").get_data(as_text=True)
    assert "Rhestr o beth byddwn ni&#39;n siarad amdano mewn sesiwn." in page


def test_help_links_to_the_words_page(client):
    page = client.get("/help").get_data(as_text=True)
    assert 'href="/words"' in page
    assert "A problem that many people share." not in page  # the old 3-word list is gone


def test_a_tap_on_a_word_shows_its_meaning(client, glossary):
    response = client.get("/words/agenda", headers=htmx_headers())
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A list of what we will talk about at a session." in fragment
    assert "The agenda says we start with a game." in fragment
    assert "data-word-close" in fragment
    assert "{# listen button #}" not in fragment and "<main" not in fragment
    # The Listen button reads just this meaning (static/js/listen.js).
    assert 'id="meaning-box-agenda"' in fragment and 'data-listen="meaning-box-agenda"' in fragment


def test_without_javascript_a_word_goes_to_its_entry(client, glossary):
    response = client.get("/words/agenda")
    assert response.status_code == 302
    assert response.location == "/words#word-agenda"


@pytest.mark.parametrize("slug", ["no-such-word", "x" * 500, "agenda\x00"])
def test_an_unknown_word_is_not_found(client, glossary, slug):
    assert client.get(f"/words/{slug}", headers=htmx_headers()).status_code == 404


def _word(app, slug):
    with app.app_context():
        return db.session.scalar(sa.select(GlossaryWord).where(GlossaryWord.slug == slug))


FORM = {
    "term_en": "Listening campaign",
    "term_cy": "Ymgyrch wrando",
    "meaning_en": "Many one-to-ones, to find what people care about.",
    "meaning_cy": "Llawer o sgyrsiau un-i-un, i ddod o hyd i beth sy'n bwysig i bobl.",
    "example_en": "Our listening campaign ran all summer.",
    "example_cy": "Roedd ein hymgyrch wrando drwy'r haf.",
    "forms_en": "listening campaign\r\n  listening campaigns \r\n\r\n",
    "forms_cy": "ymgyrch wrando",
    "picture": "listen",
}


def test_staff_change_a_word_in_both_languages(app, client_as, glossary):
    staff = client_as("staff")
    word = _word(app, "agenda")
    form = staff.get(f"/words/{word.id}/change").get_data(as_text=True)
    assert "A list of what we will talk about at a session." in form
    changed = FORM | {"term_en": "Agenda", "meaning_en": "The plan for a session."}
    response = staff.post_form(f"/words/{word.id}/change", changed)
    assert response.status_code == 302 and response.location == "/words#word-agenda"
    word = _word(app, "agenda")
    assert word.meaning_en == "The plan for a session."
    assert word.meaning_cy == FORM["meaning_cy"] and word.picture == "listen"
    assert word.forms("en") == ["listening campaign", "listening campaigns"]
    page = staff.get("/words").get_data(as_text=True)
    assert "The plan for a session." in page and "Change Agenda" in page


def test_staff_add_a_word(app, client_as, glossary):
    staff = client_as("staff")
    assert staff.post_form("/words/new", FORM).location == "/words#word-listening-campaign"
    assert _word(app, "listening-campaign").example_cy == FORM["example_cy"]


def test_a_word_needs_every_part_and_a_known_picture(app, client_as, glossary):
    staff = client_as("staff")
    response = staff.post_form("/words/new", FORM | {"meaning_cy": " ", "picture": "../x"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Please fill this in." in page and "Choose one from the list." in page
    assert _word(app, "listening-campaign") is None


@pytest.mark.parametrize("role", [None, "member", "co_trainer"])
def test_only_staff_change_words(app, client_as, glossary, role):
    client = client_as(role)
    word = _word(app, "agenda")
    for url in (f"/words/{word.id}/change", "/words/new"):
        response = client.post_form(url, FORM)
        assert response.status_code in (302, 403)
        if role:
            assert response.status_code == 403
    assert _word(app, "agenda").meaning_en == "A list of what we will talk about at a session."
    assert _word(app, "listening-campaign") is None
