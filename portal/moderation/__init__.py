"""Staff moderation of concern boards: reports, the queue, decisions, merges and the log."""

from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.record_once
def _template_helpers(state) -> None:
    from portal.moderation.labels import (
        action_words,
        hide_reason_words,
        report_reason_picture,
        report_reason_words,
    )

    state.app.jinja_env.globals.update(
        report_reason_picture=report_reason_picture,
        moderation_hide_reason_words=hide_reason_words,
        moderation_report_reason_words=report_reason_words,
        moderation_action_words=action_words,
    )


from portal.moderation import (  # noqa: E402, F401  (notice kinds, routes)
    notice_kinds,
    views,
    views_log,
    views_merge,
    views_people,
)
