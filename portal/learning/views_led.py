"""Trainers record who led each part of a session's agenda: it counts toward co-training."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import User
from portal.accounts.permissions import Permission, permission_required
from portal.agendas.models import Agenda, AgendaItem
from portal.converters import database_id
from portal.extensions import db
from portal.learning import bp
from portal.learning.models import LedPart
from portal.learning.services import record_led
from portal.sessions.came import came_ids
from portal.sessions.queries import get_session_run_by


def _parts(session_id: int) -> list[AgendaItem]:
    return list(
        db.session.scalars(
            sa.select(AgendaItem)
            .join(Agenda, Agenda.id == AgendaItem.agenda_id)
            .where(Agenda.session_id == session_id, AgendaItem.deleted_at.is_(None))
            .order_by(AgendaItem.position)
        )
    )


def _people(session_id: int, parts: list[AgendaItem]) -> list[User]:
    """Everyone who came, and anyone planned to lead a part."""
    ids = came_ids(session_id) | {p.id for part in parts for p in part.leader_people}
    if not ids:
        return []
    return list(
        db.session.scalars(sa.select(User).where(User.id.in_(ids)).order_by(User.display_name))
    )


@bp.route("/session/<int:session_id>/led", methods=["GET", "POST"])
@permission_required(Permission.RUN_SESSIONS)
def who_led(session_id: int):
    """For each part: tick who led it."""
    session = get_session_run_by(current_user, session_id)
    parts = _parts(session.id)
    people = _people(session.id, parts)
    if request.method == "POST":
        item_id = request.form.get("item", type=database_id)
        part = next((p for p in parts if p.id == item_id), None) or abort(404)
        chosen = []
        for value in request.form.getlist("led"):
            try:
                chosen.append(database_id(value))
            except ValueError:
                abort(400)
        offered = [person.id for person in people]
        if not set(chosen) <= set(offered):
            abort(400)
        record_led(part, chosen, offered, by=current_user)
        flash(_("Saved who led %(title)s.", title=part.title), "success")
        return redirect(url_for("learning.who_led", session_id=session.id) + f"#part-{part.id}")
    rows = db.session.execute(
        sa.select(LedPart.item_id, LedPart.user_id).where(
            LedPart.item_id.in_([p.id for p in parts])
        )
    )
    led = {(row[0], row[1]) for row in rows}
    return render_template(
        "learning/who_led.html", training=session, parts=parts, people=people, led=led
    )
