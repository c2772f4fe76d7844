"""Members back each other's ideas for a session's agenda: one tap, and tap again to undo."""

from __future__ import annotations

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.accounts.posting import posting_stopped
from portal.agendas import bp
from portal.agendas.backing import NotBackable, backed_by, backing_counts, set_backing
from portal.agendas.queries import get_suggestion
from portal.agendas.services import agenda_for
from portal.extensions import limiter, per_person
from portal.htmx import answer
from portal.sessions.queries import get_visible_session
from portal.timeutil import utcnow


def _refusal(session) -> str | None:
    if session.is_cancelled or session.start_at <= utcnow():
        return _("This session has started. You cannot back ideas for it now.")
    stopped = posting_stopped()
    if stopped:
        return f"{stopped} {_('You cannot back ideas for now.')}"
    return None


@bp.post("/session/<int:session_id>/ideas/<int:suggestion_id>/back")
@permission_required(Permission.USE_PORTAL)
@limiter.limit("60 per minute", key_func=per_person)
def back_idea(session_id: int, suggestion_id: int):
    """Back an idea, or take it back: the form says which (backed=1 or 0), so a double tap or
    a retry is safe."""
    session = get_visible_session(current_user, session_id) or abort(404)
    idea = get_suggestion(agenda_for(session), suggestion_id) or abort(404)
    wanted = request.form.get("backed") == "1"
    refusal = _refusal(session)
    if refusal is None and wanted and idea.user_id == current_user.id:
        refusal = _("This is your own idea. Others can back it.")
    if refusal is None:
        try:
            set_backing(idea, current_user, wanted)
        except NotBackable:
            refusal = _("This idea has an answer already. You cannot back it now.")
    if refusal is None:
        message = (
            _("You back this idea. Tap again to take it back.")
            if wanted
            else _("You took back your backing. Tap again to back it.")
        )
    to = url_for("agendas.suggest_item", session_id=session.id) + f"#idea-{idea.id}"
    return answer(
        "agendas/suggest.html",
        "backing_box",
        to=to,
        flash_message=refusal or message,
        flash_error=refusal is not None,
        lazy_context=lambda: {
            "backed": idea.id in backed_by(current_user, [idea.id]),
            "count": backing_counts([idea.id])[idea.id],
        },
        training=session,
        idea=idea,
        message=refusal or message,
        refused=refusal is not None,
    )
