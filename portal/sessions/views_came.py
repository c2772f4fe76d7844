"""Who came: a phone page for a session's trainers and staff, and the attendance file."""

from __future__ import annotations

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, permission_required
from portal.converters import database_id
from portal.extensions import limiter
from portal.htmx import answer, render_page
from portal.sessions import bp
from portal.sessions.came import (
    NotMarkable,
    came_row,
    can_mark,
    find_people,
    may_be_marked,
    set_came,
    who_came_rows,
)
from portal.sessions.queries import get_session_run_by
from portal.spreadsheets import csv_download
from portal.text import one_line


@bp.get("/<int:session_id>/came")
@permission_required(Permission.RUN_SESSIONS)
def who_came(session_id: int):
    """Everyone who said they were coming, as big taps; and a search for anyone else."""
    session = get_session_run_by(current_user, session_id)
    # One line of plain words: no NUL or control signs reach the database.
    words = one_line(request.args.get("name", ""))[:60]
    return render_page(
        "sessions/who_came.html",
        block="found_people",
        training=session,
        rows=who_came_rows(session),
        words=words,
        found=find_people(session, words),
        markable=can_mark(session),
    )


@bp.post("/<int:session_id>/came")
@permission_required(Permission.RUN_SESSIONS)
@limiter.limit("240 per minute")
def mark_came(session_id: int):
    """One tap: `came=yes` marks the person here, `came=no` takes it away. Sent again, the
    same tap changes nothing, so a retry after a lost connection is safe."""
    session = get_session_run_by(current_user, session_id)
    person_id = request.form.get("person", type=database_id)
    wanted = request.form.get("came")
    if person_id is None or wanted not in ("yes", "no"):
        abort(400)
    if not may_be_marked(session, person_id):
        abort(404)
    back = url_for("sessions.who_came", session_id=session.id)
    try:
        set_came(session, person_id, wanted == "yes", by=current_user)
    except NotMarkable:
        refused = _("You can mark who came from the day of the session.")
        return answer(
            "sessions/who_came.html",
            "came_refused",
            to=back,
            flash_message=refused,
            flash_error=True,
            status=409,
            refused=refused,
        )
    return answer(
        "sessions/who_came.html",
        "came_row",
        to=back + f"#came-{person_id}",
        flash_message=_("Saved."),
        training=session,
        markable=True,
        # Undone for someone who never said they were coming: the row stays, so the next
        # tap can put the mark back.
        lazy_context=lambda: {"row": came_row(session, person_id)},
    )


@bp.get("/<int:session_id>/came.csv")
@permission_required(Permission.RUN_SESSIONS)
def came_csv(session_id: int):
    """Who came, as a spreadsheet: every cell safe to open."""
    session = get_session_run_by(current_user, session_id)
    header = [_("Name"), _("Said they were coming"), _("Came")]
    yes, no = _("Yes"), _("No")
    rows = [
        [person.display_name, yes if said else no, yes if came else no]
        for person, said, came in who_came_rows(session)
    ]
    return csv_download(f"session-{session.id}-who-came.csv", header, rows)
