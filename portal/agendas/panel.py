"""The agenda as the session's page shows it. Registered as a session panel at start-up, so
sessions shows the agenda without importing agendas or knowing how it is stored."""

from __future__ import annotations

from portal.agendas.publishing import mark_seen
from portal.agendas.queries import agenda_for_reading
from portal.agendas.timed import timed_agenda
from portal.looking import person_is_looking
from portal.sessions.panels import session_panel
from portal.sessions.queries import runs_session


@session_panel
def agenda_panel(session, user) -> dict:
    """What the session page shows of the agenda; marks it seen. The calling view commits."""
    agenda, last_seen, items, names = agenda_for_reading(session.id, user)
    runs_it = runs_session(user, session)
    if agenda is None or not (agenda.is_published or runs_it):
        return {"agenda": None, "timed": None}
    timed = timed_agenda(agenda, session, user, seen_at=last_seen, items=items, names=names)
    # Seen again only when there was something new to see: with nothing changed since the
    # last look, the old time says the same, and a page view writes nothing. A page the phone
    # only saves for later was not seen (portal/looking.py).
    news = last_seen is None or timed.removed or any(row.changed for row in timed.rows)
    if agenda.is_published and news and person_is_looking():
        mark_seen(agenda, user)
    return {"agenda": agenda, "timed": timed}
