"""Words help: the glossary of words members meet here, marked where they appear on a page."""

from flask import Blueprint

bp = Blueprint("words", __name__, url_prefix="/words")

from portal.words import views  # noqa: E402, F401  (registers the routes)


@bp.record_once
def _mark_words_on_pages(state) -> None:
    from portal.words.marking import init_marking

    init_marking(state.app)
