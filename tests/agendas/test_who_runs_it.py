"""Who runs a session is decided in one place (sessions.queries.get_session_run_by): the agenda's
pages, its live channel and the session's own staff pages answer alike."""

from __future__ import annotations

from tests.factories import create_agenda_item, create_group, create_session, create_user

PAGES = (
    "/agendas/session/{id}",
    "/agendas/session/{id}/live",
    "/agendas/session/{id}/history",
    "/sessions/{id}/edit",
    "/sessions/{id}/people",
)


def _statuses(client, session_id: int) -> list[int]:
    return [client.get(page.format(id=session_id)).status_code for page in PAGES]


def test_only_those_running_a_session_and_staff_open_its_pages(
    client_as, client_for, other_trainer
):
    """Alex is a co-trainer but not on this session: refused everywhere, the live poll too,
    even once the agenda exists (its fast path is a query of its own)."""
    session = create_session(title="Money matters", trainers=[other_trainer])
    create_agenda_item(session.id, title="Welcome")
    assert _statuses(client_as("co_trainer"), session.id) == [403] * len(PAGES)
    assert _statuses(client_for(other_trainer), session.id) == [200] * len(PAGES)
    assert _statuses(client_as("staff"), session.id) == [200] * len(PAGES)  # named or not


def test_a_session_a_co_trainer_cannot_see_is_not_found(client_for, other_trainer):
    outsider = create_user(role="co_trainer", username="lee", display_name="Lee Park")
    group = create_group("Night shift", members=[other_trainer])
    session = create_session(title="Night meeting", trainers=[other_trainer], group_id=group.id)
    assert _statuses(client_for(outsider), session.id) == [404] * len(PAGES)
    assert _statuses(client_for(other_trainer), session.id) == [200] * len(PAGES)
