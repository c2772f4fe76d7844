"""Writes for publishing an agenda: members see it, it goes back to a draft, the people going are
told, and when each member last looked. Functions flush, never commit."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for

from portal.accounts.models import User
from portal.agendas.models import Agenda, AgendaChange, AgendaSeen, ChangeAction
from portal.agendas.services import touch
from portal.extensions import db
from portal.notices.services import notify
from portal.sessions.models import Booking, BookingStatus
from portal.timeutil import utcnow


def publish(agenda: Agenda, user: User | None = None) -> bool:
    """Let members see the agenda. True only the first time ever, when the people going should
    be told; publishing again after a draft spell tells nobody (use tell_going_about_changes).

    Conditional UPDATEs, so two taps at once cannot both count as the first, and only the one
    that published goes in the history.
    """
    now = utcnow()
    published = db.session.execute(
        sa.update(Agenda)
        .where(Agenda.id == agenda.id, Agenda.published_at.is_(None))
        .values(published_at=now)
    ).rowcount
    if not published:
        db.session.refresh(agenda)
        return False
    _record_agenda(agenda, user, ChangeAction.PUBLISHED)
    touch(agenda)
    first = db.session.execute(
        sa.update(Agenda)
        .where(Agenda.id == agenda.id, Agenda.announced_at.is_(None))
        .values(announced_at=now, told_version=Agenda.version)
    ).rowcount
    db.session.refresh(agenda)
    return bool(first)


def publish_and_tell(agenda: Agenda, session, user: User) -> bool:
    """Publish; the first time ever, the people going are told the plan is ready."""
    first = publish(agenda, user)
    if first:
        notify(
            _going_ids(session), "agenda_published", link=_agenda_link(session), title=session.title
        )
    return first


def tell_going_about_changes(agenda: Agenda, session) -> bool:
    """Tell the people going to look again. False if they know these changes already."""
    told = claim_telling(agenda)
    if told:
        notify(
            _going_ids(session), "agenda_changed", link=_agenda_link(session), title=session.title
        )
    return told


def _agenda_link(session) -> str:
    return url_for("sessions.show_session", session_id=session.id) + "#agenda"


def _going_ids(session) -> list[int]:
    rows = db.session.scalars(
        sa.select(Booking.user_id).where(
            Booking.session_id == session.id, Booking.status == BookingStatus.GOING
        )
    )
    return list(rows)


def unpublish(agenda: Agenda, user: User | None = None) -> bool:
    """Make the agenda a draft again. False if it was one already (nothing is recorded)."""
    drafted = db.session.execute(
        sa.update(Agenda)
        .where(Agenda.id == agenda.id, Agenda.published_at.is_not(None))
        .values(published_at=None)
    ).rowcount
    if drafted:
        _record_agenda(agenda, user, ChangeAction.DRAFT)
        touch(agenda)
    db.session.refresh(agenda)
    return bool(drafted)


def _record_agenda(agenda: Agenda, user: User | None, action: ChangeAction) -> None:
    """History of the whole agenda (published, a draft again): no item, nothing to put back."""
    db.session.add(
        AgendaChange(
            agenda_id=agenda.id,
            item_id=None,
            user_id=user.id if user else None,
            action=action,
            item_version=None,
            snapshot={},
        )
    )
    db.session.flush()


def claim_telling(agenda: Agenda) -> bool:
    """True if the people going have not been told about the agenda as it is now (and marks
    them told); False if they were, so a second tap sends nothing."""
    told = db.session.execute(
        sa.update(Agenda)
        .where(
            Agenda.id == agenda.id,
            sa.or_(Agenda.told_version.is_(None), Agenda.told_version != Agenda.version),
        )
        .values(told_version=Agenda.version)
    ).rowcount
    db.session.refresh(agenda)
    return bool(told)


def mark_seen(agenda: Agenda, user: User) -> None:
    seen = db.session.get(AgendaSeen, (agenda.id, user.id))
    if seen is None:
        db.session.add(AgendaSeen(agenda_id=agenda.id, user_id=user.id, seen_at=utcnow()))
    else:
        seen.seen_at = utcnow()
    db.session.flush()
