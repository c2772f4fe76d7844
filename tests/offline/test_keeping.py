"""What the phone may keep: only the member pages the server marks, for one person's key."""

from __future__ import annotations

from portal.offline.person import NOBODY
from tests.conftest import htmx_headers
from tests.factories import book, create_session
from tests.people.support_helpers import link, start_helping

KEPT = "X-Offline-Keep"
PERSON = "X-Offline-Person"


def test_the_pages_a_member_needs_are_marked_for_their_key(client_for, member):
    client = client_for(member)
    for address in ("/sessions/mine", "/whats-new", "/concerns/mine", "/help", "/offline"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert response.headers.get(KEPT) == "1", address
        assert response.headers[PERSON] not in (NOBODY, str(member.id)), address


def test_the_key_is_opaque_and_differs_per_person(client_for, member, staff):
    sam = client_for(member).get("/help").headers[PERSON]
    jo = client_for(staff).get("/help").headers[PERSON]
    assert sam != jo
    assert len(sam) == 24 and str(member.id) not in (sam[:1], sam)
    page = client_for(member).get("/help").get_data(as_text=True)
    assert f'data-offline-person="{sam}"' in page


def test_only_the_sessions_the_person_is_going_to_are_marked(client_for, member):
    going = create_session(title="Going")
    other = create_session(title="Not going")
    book(going.id, member.id)
    client = client_for(member)
    assert client.get(f"/sessions/{going.id}").headers.get(KEPT) == "1"
    assert KEPT not in client.get(f"/sessions/{other.id}").headers


def test_only_the_soonest_twelve_of_their_sessions_are_marked_and_never_one_that_is_over(
    client_for, member, staff
):
    from datetime import timedelta

    from portal.extensions import db
    from portal.offline.keeping import MOST_SESSIONS
    from portal.sessions.models import TrainingSession
    from portal.timeutil import utcnow
    from tests import factories

    # Made out of order, so "soonest" cannot be read from the ids.
    days = [14, 3, 9, 1, 12, 5, 13, 2, 8, 11, 4, 7, 6]
    assert len(days) == MOST_SESSIONS + 1
    made = {day: create_session(title=f"Day {day}", starts_in=timedelta(days=day)) for day in days}
    for session in made.values():
        book(session.id, member.id)
    # Sessions they are not going to, or that a group they are not in has, count for nothing.
    sooner_not_theirs = create_session(title="Not theirs", starts_in=timedelta(hours=2))
    book(sooner_not_theirs.id, staff.id)
    over = create_session(title="Over", starts_in=timedelta(hours=1))
    book(over.id, member.id)
    with factories.APP.app_context():
        moved = db.session.get(TrainingSession, over.id)
        moved.start_at = utcnow() - timedelta(days=2)
        moved.end_at = moved.start_at + timedelta(hours=3)
        db.session.commit()
    client = client_for(member)
    for day, session in made.items():
        marked = client.get(f"/sessions/{session.id}").headers.get(KEPT) == "1"
        assert marked == (sorted(days).index(day) < MOST_SESSIONS), day
    assert KEPT not in client.get(f"/sessions/{over.id}").headers


def test_a_session_they_are_waiting_for_is_marked(client_for, member, staff):
    full = create_session(title="Full", places=1)
    book(full.id, staff.id)
    book(full.id, member.id)  # no place left: on the waiting list
    response = client_for(member).get(f"/sessions/{full.id}")
    assert "waiting" in response.get_data(as_text=True).lower()
    assert response.headers.get(KEPT) == "1"


def test_a_session_page_decides_with_what_its_places_read_and_no_query_for_the_list(
    client_for, member, monkeypatch
):
    from portal.offline import keeping

    going = create_session(title="Going")
    other = create_session(title="Not going")
    book(going.id, member.id)
    asked = []
    real = keeping.soonest_own_session_ids
    monkeypatch.setattr(
        keeping, "soonest_own_session_ids", lambda *args: asked.append(1) or real(*args)
    )
    client = client_for(member)
    assert KEPT not in client.get(f"/sessions/{other.id}").headers
    assert client.get(f"/sessions/{going.id}").headers.get(KEPT) == "1"
    # The page had read the answer and how many of theirs come sooner (places_for): no more.
    assert asked == []


def test_pages_not_on_the_list_staff_pages_and_htmx_pieces_are_never_marked(
    client_for, member, staff
):
    sam = client_for(member)
    for address in ("/", "/sessions", "/me", "/concerns"):
        assert KEPT not in sam.get(address).headers, address
    jo = client_for(staff)
    for address in ("/people", "/moderation", "/sessions/new"):
        response = jo.get(address)
        assert KEPT not in response.headers, (address, response.status_code)
    assert KEPT not in sam.get("/sessions/mine", headers=htmx_headers()).headers


def test_signed_out_answers_say_nobody_and_keep_nothing(client):
    response = client.get("/help")
    assert response.headers[PERSON] == NOBODY
    assert KEPT not in response.headers
    assert "data-offline-person" not in response.get_data(as_text=True)
    assert "data-offline-banner" not in response.get_data(as_text=True)


def test_nothing_is_kept_while_a_supporter_helps(client_for, member, kim):
    kim_client = client_for(kim)
    start_helping(kim_client, link(member, kim))
    response = kim_client.get("/sessions/mine")
    assert response.status_code == 200
    assert response.headers[PERSON] == NOBODY
    assert KEPT not in response.headers
    assert kim_client.get("/offline/pages").status_code in (403, 302)


def test_the_worker_is_told_which_pages_to_save(client_for, member):
    going = create_session(title="Going")
    create_session(title="Not going")
    book(going.id, member.id)
    client = client_for(member)
    answer = client.get("/offline/pages").get_json()
    assert answer["person"] == client.get("/help").headers[PERSON]
    assert answer["pages"] == [
        "/offline",
        "/sessions/mine",
        "/whats-new",
        "/concerns/mine",
        "/help",
        f"/sessions/{going.id}",
    ]


def test_a_saved_page_carries_a_hidden_banner_with_the_time_it_was_saved(client_for, member):
    page = client_for(member).get("/sessions/mine").get_data(as_text=True)
    banner = page[page.index("data-offline-banner") :][:600]
    assert banner.startswith("data-offline-banner hidden>")
    assert "pictures/no-signal.svg" in banner
    assert "No signal." in banner and "This is what we saved at" in banner


def test_the_offline_page_lists_what_can_be_read(client_for, member, client):
    going = create_session(title="Walk in the park")
    book(going.id, member.id)
    page = client_for(member).get("/offline").get_data(as_text=True)
    for address in (
        "/sessions/mine",
        f"/sessions/{going.id}",
        "/whats-new",
        "/concerns/mine",
        "/help",
    ):
        assert f'href="{address}"' in page, address
    assert "Walk in the park" in page
    signed_out = client.get("/offline").get_data(as_text=True)
    assert "Sign in when you have a signal." in signed_out
    assert 'href="/sessions/mine"' not in signed_out.split("<main", 1)[1]
