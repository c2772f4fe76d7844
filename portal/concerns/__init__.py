"""Common concerns: members raise them on boards, support them, and see what happens next."""

from flask import Blueprint

bp = Blueprint("concerns", __name__, url_prefix="/concerns")


@bp.record_once
def _template_helpers(state) -> None:
    # Globals, so the row and support macros can name statuses without being passed them.
    from portal.concerns.labels import picture_words, status_picture, status_words
    from portal.timefmt import day_in_words

    state.app.jinja_env.globals.update(
        concern_status_words=status_words,
        concern_status_picture=status_picture,
        concern_picture_words=picture_words,
    )
    state.app.jinja_env.globals.setdefault("day_in_words", day_in_words)


from portal.concerns import (  # noqa: E402, F401  (notice kinds, routes)
    notice_kinds,
    views,
    views_boards,
    views_raise,
    views_replies,
)
