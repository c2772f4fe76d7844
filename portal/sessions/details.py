"""What a session page says about the session itself (about, who for, when, where, what to
bring, who runs it), as plain values.

The page draws that part once and keeps it (portal/fragments.py), keyed by these values: the
macro that draws it (templates/sessions/_session_details.html) is imported without the page's
context, so it can show nothing but what is here, and the key cannot miss a change. Days and
times are in words already, in the reader's language and time zone: "this year" leaves the
date when a new year starts, and that too is a new key.
"""

from __future__ import annotations

from typing import NamedTuple

from portal.sessions.models import TrainingSession
from portal.timefmt import day_in_words, time_range


class SessionDetails(NamedTuple):
    session_id: int
    summary: str
    group_name: str | None
    day: str
    times: str
    place_name: str | None
    address: str | None
    online_link: str | None
    step_free: bool
    hearing_loop: bool
    accessible_toilet: bool
    access_notes: str | None
    bring: str | None
    trainer_names: tuple[str, ...]


def session_details(session: TrainingSession) -> SessionDetails:
    return SessionDetails(
        session_id=session.id,
        summary=session.summary,
        group_name=session.group.name if session.group else None,
        day=day_in_words(session.start_at),
        times=time_range(session.start_at, session.end_at),
        place_name=session.place_name,
        address=session.address,
        online_link=session.online_link,
        step_free=bool(session.step_free),
        hearing_loop=bool(session.hearing_loop),
        accessible_toilet=bool(session.accessible_toilet),
        access_notes=session.access_notes,
        bring=session.bring,
        trainer_names=tuple(person.display_name for person in session.trainers),
    )
