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
