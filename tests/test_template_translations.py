"""Templates' words come from the page's language, kept once per request and language."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, refresh

WORDS = '{{ _("Concerns") }} {{ ngettext("%(num)s concern", "%(num)s concerns", 2) }}'


def test_template_words_follow_the_language_even_when_it_changes_within_a_request(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert render_template_string(WORDS) == "Concerns 2 concerns"
        # A message in its reader's language (an email link) switches for a moment.
        with force_locale("cy"):
            assert render_template_string(WORDS).startswith("Pryderon ")
        assert render_template_string(WORDS) == "Concerns 2 concerns"


def test_a_refreshed_language_is_read_again(app):
    with app.test_request_context(headers={"Accept-Language": "cy"}):
        assert render_template_string(WORDS).startswith("Pryderon ")
        with app.test_request_context(headers={"Accept-Language": "en"}):
            refresh()
            assert render_template_string(WORDS) == "Concerns 2 concerns"


def test_kept_words_are_escaped_formatted_and_the_same_as_jinjas_own(app):
    page = (
        '{{ _("Concerns") }}|{{ _("100%% sure") }}|{{ _("Hello %(name)s", name="<b>") }}|'
        '{{ ngettext("%(num)s concern", "%(num)s concerns", 1) }}|'
        '{{ ngettext("%(num)s concern", "%(num)s concerns", 3) }}|'
        '{{ ngettext("%(num)s in %(place)s", "%(num)s in %(place)s", 3, place="<i>") }}'
    )
    expected = "Concerns|100% sure|Hello &lt;b&gt;|1 concern|3 concerns|3 in &lt;i&gt;"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert render_template_string(page) == expected
        assert render_template_string(page) == expected  # now from what was kept
        plain = app.jinja_env.overlay(autoescape=False).from_string(page).render()
        assert plain == "Concerns|100% sure|Hello <b>|1 concern|3 concerns|3 in <i>"


def test_each_language_keeps_its_own_words_and_no_more_than_its_limit(app, monkeypatch):
    from portal import template_words

    monkeypatch.setattr(template_words, "WORDS_KEPT", 5)
    many = "".join(f'{{{{ _("Word {n}") }}}}' for n in range(20))
    with app.test_request_context(headers={"Accept-Language": "cy"}):
        kept = template_words._kept(template_words.page_translations(), True)
        kept.clear()  # other tests' words, kept for the life of the process
        assert render_template_string(WORDS).startswith("Pryderon ")
        assert len(kept) == 2
        render_template_string(many)
        assert len(kept) == 5
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert render_template_string(WORDS) == "Concerns 2 concerns"
        assert render_template_string(many).startswith("Word 0Word 1")
