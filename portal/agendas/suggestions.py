"""Writes for members' ideas: a member suggests a part; the people running the session say yes
(it becomes a part) or no. Functions flush, never commit."""

from __future__ import annotations

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from portal.accounts.models import User
from portal.agendas.backing import backer_ids
from portal.agendas.models import Agenda, AgendaItem, AgendaSuggestion, SuggestionStatus
from portal.agendas.services import add_item, touch
from portal.concerns.models import Concern, Status
from portal.concerns.services import give_update
from portal.extensions import db
from portal.notices.services import notify
from portal.timeutil import utcnow


def suggest(
    agenda: Agenda, user: User, title: str, details: str, concern_id: int | None = None
) -> AgendaSuggestion:
    suggestion = AgendaSuggestion(
        agenda_id=agenda.id, user_id=user.id, title=title, details=details, concern_id=concern_id
    )
    db.session.add(suggestion)
    db.session.flush()
    touch(agenda)
    return suggestion


class AlreadyAnswered(Exception):
    """Someone else accepted or declined the suggestion first."""


def _claim_suggestion(suggestion: AgendaSuggestion, status: SuggestionStatus, reply: str):
    """Answer a waiting suggestion in one conditional UPDATE, so two answers at once cannot
    both win (two items, or "yes" and "no" notices to the same member)."""
    result = db.session.execute(
        sa.update(AgendaSuggestion)
        .where(
            AgendaSuggestion.id == suggestion.id,
            AgendaSuggestion.status == SuggestionStatus.WAITING,
        )
        .values(status=status, reply=reply, decided_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(suggestion)
    if result.rowcount != 1:
        raise AlreadyAnswered()


def accept_suggestion(
    session, agenda: Agenda, suggestion: AgendaSuggestion, user: User, minutes: int, reply: str
) -> AgendaItem:
    """The suggestion becomes an item at the end of the agenda, and the member is told; its
    concern, if any, is "On an agenda" now. Raises AlreadyAnswered."""
    _claim_suggestion(suggestion, SuggestionStatus.ACCEPTED, reply)
    item = add_item(
        agenda,
        user,
        title=suggestion.title,
        description=suggestion.details,
        minutes=minutes,
        kind="talk",
        leaders="",
        leader_ids=[],
        concern_id=suggestion.concern_id,
    )
    suggestion.item_id = item.id
    db.session.flush()
    if suggestion.concern is not None:
        _concern_on_the_agenda(suggestion.concern, session, user)
    kind = "agenda_suggestion_accepted" if reply else "agenda_suggestion_accepted_no_reply"
    notify(suggestion.user_id, kind, link=_ideas_link(agenda), title=suggestion.title, reply=reply)
    kind = "agenda_backed_idea_accepted" if reply else "agenda_backed_idea_accepted_no_reply"
    _tell_backers(agenda, suggestion, kind, reply)
    return item


def _tell_backers(agenda: Agenda, suggestion: AgendaSuggestion, kind: str, reply: str) -> None:
    """Everyone who backed the idea hears what happened to it, with the reason."""
    backers = [person for person in backer_ids(suggestion.id) if person != suggestion.user_id]
    if backers:
        link = _ideas_link(agenda)
        notify(backers, kind, link=link, title=suggestion.title, reply=reply)


def _ideas_link(agenda: Agenda) -> str:
    return url_for("agendas.suggest_item", session_id=agenda.session_id)


def _concern_on_the_agenda(concern: Concern, session, user: User) -> None:
    """A concern still being talked about is now "On an agenda"; one that moved on (action,
    done, closed) keeps its status. Through the concerns feature's own service, so its history
    and notices stay whole."""
    if concern.status not in (Status.NEW, Status.TALKING):
        return
    words = _("It is on the agenda for %(title)s.", title=session.title)
    give_update(concern, user, status=Status.AGENDA, words=words)


def decline_suggestion(agenda: Agenda, suggestion: AgendaSuggestion, reply: str) -> None:
    """Say no, with the reply the member sees (they are told). Raises AlreadyAnswered."""
    _claim_suggestion(suggestion, SuggestionStatus.DECLINED, reply)
    touch(agenda)  # the other editors' lists of ideas change too
    notify(
        suggestion.user_id,
        "agenda_suggestion_declined",
        link=_ideas_link(agenda),
        title=suggestion.title,
        reply=reply,
    )
    _tell_backers(agenda, suggestion, "agenda_backed_idea_declined", reply)
