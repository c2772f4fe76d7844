"""The words templates show, in the page's language: Jinja's gettext and ngettext, faster.

Registered as template globals by portal/templating.py, with the rest.
"""

from __future__ import annotations

from flask import g
from flask_babel import get_translations
from jinja2 import pass_context
from markupsafe import Markup


def page_translations():
    """This page's translations, as Flask-Babel's get_translations() gives them, kept for the
    rest of the request: a page asks for 100 or more words, and each ask through Flask-Babel
    costs five context lookups. Kept with the language they are for, so force_locale() (a
    notice in its reader's language) and a change of language get their own."""
    try:
        # One look through Flask's proxy, not two: this runs for each word a page shows.
        state = g._get_current_object().get("_flask_babel")
    except RuntimeError:  # no app context
        state = None
    kept = getattr(state, "portal_translations", None)
    if kept is not None and kept[0] is getattr(state, "babel_locale", None):
        return kept[1]
    translations = get_translations()
    state = g.get("_flask_babel") if g else None
    if state is not None and getattr(state, "babel_locale", None) is not None:
        state.portal_translations = (state.babel_locale, translations)
    return translations


# How many finished words each language keeps for templates: a page's words come from a few
# hundred in the templates (and numbers of people), so this only guards against a template
# that passes its own text through _() forever.
WORDS_KEPT = 5000


def _kept(translations, autoescape: bool) -> dict:
    # On the translations object, which Flask-Babel keeps for each language for the life of
    # the process: a new catalogue comes with new translations, and so with nothing kept.
    kept = translations.__dict__.get("portal_kept_words")
    if kept is None:
        kept = translations.__dict__.setdefault("portal_kept_words", ({}, {}))
    return kept[autoescape]


def _finish(words: str, autoescape: bool, variables: dict):
    # As Jinja's newstyle gettext does: our catalogue's words are taken as markup, the values
    # put in are escaped by %, and "%%" is always "%".
    return (Markup(words) if autoescape else words) % variables  # noqa: S704 (our catalogue)


@pass_context
def template_gettext(context, string: str, **variables):
    """Jinja's newstyle gettext, the finished words (translated, made Markup, formatted) kept
    for each language: a board page asks for about 85 words, at 8 us each through Jinja's
    own wrapper and Flask-Babel, most of them the same few again and again. A race between
    threads only works the same words out twice."""
    translations = page_translations()
    autoescape = context.eval_ctx.autoescape
    if variables:
        return _finish(translations.ugettext(string), autoescape, variables)
    kept = _kept(translations, autoescape)
    words = kept.get(string)
    if words is None:
        words = _finish(translations.ugettext(string), autoescape, {})
        if len(kept) < WORDS_KEPT:
            kept[string] = words
    return words


@pass_context
def template_ngettext(context, singular: str, plural: str, num: int, **variables):
    """Jinja's newstyle ngettext, kept as template_gettext keeps words when the number is
    the only value (a count of people on each of a board's rows)."""
    translations = page_translations()
    autoescape = context.eval_ctx.autoescape
    if variables or type(num) is not int:
        variables.setdefault("num", num)
        return _finish(translations.ungettext(singular, plural, num), autoescape, variables)
    kept = _kept(translations, autoescape)
    key = (singular, plural, num)
    words = kept.get(key)
    if words is None:
        words = _finish(translations.ungettext(singular, plural, num), autoescape, {"num": num})
        if len(kept) < WORDS_KEPT:
            kept[key] = words
    return words
