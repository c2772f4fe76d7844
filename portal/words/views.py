"""The Words page, a word's meaning for a tap on a marked word, and staff changes."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from portal.accounts.permissions import Permission, permission_required, public
from portal.extensions import db, limiter, per_person
from portal.plain_words import writing_hints as plain_writing_hints
from portal.words import bp
from portal.words.forms import WordForm
from portal.words.models import GlossaryWord
from portal.words.services import glossary, save_word, word_by_slug

# Hints come a moment after someone stops typing: 60 a minute is far more than a person makes,
# and keeps the check from being a cheap way to keep the server busy.
HINTS_LIMIT = "60 per minute"
FIELDS = [
    f"{part}_{lang}" for part in ("term", "meaning", "example", "forms") for lang in ("en", "cy")
]


def _language() -> str:
    return str(get_locale() or "en")


@bp.get("")
@public
def list_words():
    """Every word members meet here, A to Z, with a picture, what it means and an example."""
    return render_template("words/list.html", words=glossary(_language()), language=_language())


@bp.get("/<slug>")
@public
def meaning(slug: str):
    """One word's meaning, for showing under a marked word; a plain visit goes to its entry."""
    word = word_by_slug(slug)
    if word is None:
        abort(404)
    if not request.headers.get("HX-Request"):
        return redirect(url_for("words.list_words", _anchor=f"word-{word.slug}"))
    return render_template("words/_meaning.html", word=word, language=_language())


def _edit(word: GlossaryWord | None):
    form = WordForm(obj=word)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in [*FIELDS, "picture"]}
        word = save_word(word, values)
        flash(_("The word is saved."), "success")
        return redirect(url_for("words.list_words", _anchor=f"word-{word.slug}"))
    status = 422 if form.is_submitted() else 200
    return render_template("words/edit.html", form=form, word=word), status


@bp.route("/new", methods=["GET", "POST"])
@permission_required(Permission.EDIT_WORDS)
def add_word():
    """Add a word to the glossary, in English and Welsh."""
    return _edit(None)


@bp.route("/<int:word_id>/change", methods=["GET", "POST"])
@permission_required(Permission.EDIT_WORDS)
def change_word(word_id: int):
    """Change a word's meaning, example, picture or the forms marked on pages."""
    return _edit(db.get_or_404(GlossaryWord, word_id))


def _too_many_hints(_limit):
    return make_response(render_template("words/_hints_wait.html"), 429)


@bp.post("/hints")
@limiter.limit(HINTS_LIMIT, key_func=per_person, on_breach=_too_many_hints)
@public
def writing_hints():
    """Hints beside a box while someone writes; they never stop the words being sent."""
    name = request.args.get("field", "text")[:40]
    text = request.form.get(name, "")
    hints = plain_writing_hints(text, _language()) if text.strip() else []
    # Nothing at all when all is well: the empty box is hidden by CSS (:empty).
    return render_template("words/_hints.html", hints=hints) if hints else ""
