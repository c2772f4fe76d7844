"""Per-object rules for sessions and their agendas: who runs which, and who sees which.

The matrix in tests/test_permissions.py proves who may reach each route at all. These prove what
happens to one particular session once there: a co-trainer changes only the sessions they are
named on (staff change any), and a session for a group is seen only by that group, the people
running it and staff. Each case checks the page and the database, not only the status code.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from portal.agendas.models import Agenda, AgendaItem
from portal.extensions import db
from portal.sessions.models import TrainingSession
from tests import factories
from tests.factories import (
    book,
    create_agenda_item,
    create_group,
    create_session,
    create_user,
    fetch,
)

# Who may change a session the co-trainer "runner" is named on.
RUNS_IT = {"runner": True, "staff": True, "other co-trainer": False, "member": False}
REFUSED = "You cannot use this page"


def _session_form(**changes) -> dict:
    data = {
        "title": "Intro",
        "summary": "We meet and talk.",
        "picture": "together",
        "day": (date.today() + timedelta(days=30)).isoformat(),
        "start_time": "10:00",
        "end_time": "13:00",
        "place_name": "Newport Library",
        "address": "John Frost Square",
        "access_notes": "",
        "online_link": "",
        "group_id": "",
        "places": "12",
    }
    data.update(changes)
    return data


def _count(model) -> int:
    with factories.APP.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def run_session(people):
    session = create_session(title="Intro", trainers=[people["runner"]])
    book(session.id, people["other member"].id)
    return session


@pytest.mark.parametrize("who", RUNS_IT)
def test_only_those_running_a_session_change_it(client_for, people, run_session, who):
    client = client_for(people[who])
    allowed = RUNS_IT[who]
    url = f"/sessions/{run_session.id}"

    page = client.get(url).get_data(as_text=True)
    assert ("You run this session" in page) is allowed
    assert (f"{url}/edit" in page) is allowed

    people_page = client.get(f"{url}/people")
    assert people_page.status_code == (200 if allowed else 403)
    assert ("Priya Shah" in people_page.get_data(as_text=True)) is allowed
    csv = client.get(f"{url}/people.csv")
    assert csv.status_code == (200 if allowed else 403)
    assert ("Priya Shah" in csv.get_data(as_text=True)) is allowed

    changed = client.post_form(f"{url}/edit", _session_form(title="Intro, changed"))
    assert changed.status_code == (302 if allowed else 403)
    assert fetch(TrainingSession, run_session.id).title == (
        "Intro, changed" if allowed else "Intro"
    )
    if not allowed:
        assert REFUSED in changed.get_data(as_text=True)

    copied = client.post_form(f"{url}/copy", _session_form(title="Intro again"))
    assert copied.status_code == (302 if allowed else 403)
    assert _count(TrainingSession) == (2 if allowed else 1)

    cancelled = client.post_form(f"{url}/cancel", {})
    assert cancelled.status_code == (302 if allowed else 403)
    assert (fetch(TrainingSession, run_session.id).cancelled_at is not None) is allowed


@pytest.mark.parametrize("who", RUNS_IT)
def test_only_those_running_a_session_plan_and_see_its_draft_agenda(
    client_for, people, run_session, who
):
    create_agenda_item(run_session.id, title="Secret first part")
    client = client_for(people[who])
    allowed = RUNS_IT[who]
    base = f"/agendas/session/{run_session.id}"

    session_page = client.get(f"/sessions/{run_session.id}").get_data(as_text=True)
    assert ("Secret first part" in session_page) is allowed
    printed = client.get(f"{base}/print")
    assert printed.status_code == (200 if allowed else 404)
    assert ("Secret first part" in printed.get_data(as_text=True)) is allowed
    editor = client.get(base)
    assert editor.status_code == (200 if allowed else 403)

    added = client.post_form(
        f"{base}/items",
        {"title": "Tea", "description": "", "minutes": "15", "kind": "break", "leaders": ""},
    )
    assert added.status_code == (302 if allowed else 403)
    assert _count(AgendaItem) == (2 if allowed else 1)

    published = client.post_form(f"{base}/publish", {"publish": "1"})
    assert published.status_code == (302 if allowed else 403)
    with factories.APP.app_context():
        agenda = db.session.scalar(sa.select(Agenda).where(Agenda.session_id == run_session.id))
        assert agenda.is_published is allowed


def test_a_co_trainer_runs_what_they_make_and_staff_only_who_they_pick(
    client_for, people, other_trainer
):
    """A co-trainer who did not tick their own name would make a session they cannot change;
    staff can change any session, so they run only what they tick."""
    client_for(people["runner"]).post_form("/sessions/new", _session_form(title="Made by Alex"))
    client_for(people["staff"]).post_form(
        "/sessions/new", _session_form(title="Made by Jo", trainers=[other_trainer.id])
    )
    with factories.APP.app_context():
        trainers = {
            session.title: {person.username for person in session.trainers}
            for session in db.session.scalars(sa.select(TrainingSession))
        }
    assert trainers == {"Made by Alex": {"alex"}, "Made by Jo": {"dev"}}


def test_only_those_who_can_run_sessions_are_offered_as_trainers(client_for, people):
    create_user("co_trainer", display_name="Kim Turned Off", active=False)
    page = client_for(people["staff"]).get("/sessions/new").get_data(as_text=True)
    for name in ("Alex Rivera", "Dev Morgan", "Jo Patel"):
        assert name in page
    for name in ("Sam Jones", "Priya Shah", "Kim Turned Off"):
        assert name not in page


# A session for one group: who sees it.
SEES_GROUP_SESSION = {
    "other member": True,  # in the group
    "member": False,
    "other co-trainer": True,  # runs it, though not in the group
    "runner": False,  # a co-trainer, neither in the group nor running it
    "staff": True,
}


@pytest.mark.parametrize("who", SEES_GROUP_SESSION)
def test_a_group_session_is_seen_by_its_group_its_trainers_and_staff(
    client_for, people, other_member, other_trainer, who
):
    group = create_group("Newport members", [other_member])
    session = create_session(title="Newport meeting", group_id=group.id, trainers=[other_trainer])
    client = client_for(people[who])
    sees = SEES_GROUP_SESSION[who]

    assert ("Newport meeting" in client.get("/sessions").get_data(as_text=True)) is sees
    page = client.get(f"/sessions/{session.id}")
    assert page.status_code == (200 if sees else 404)
    assert ("Newport meeting" in page.get_data(as_text=True)) is sees
    coming = client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    if not sees:
        assert coming.status_code == 404
        with factories.APP.app_context():
            from portal.sessions.models import Booking

            assert db.session.scalar(sa.select(sa.func.count(Booking.id))) == 0
