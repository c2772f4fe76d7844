"""Taps kept on the phone are counted once: the one-time key, a refused tap, another person,
and a form token grown too old while the phone waited for a signal."""

from __future__ import annotations

from itsdangerous import TimestampSigner

from portal.concerns.models import Concern, Support
from portal.extensions import db
from portal.offline.models import OfflineTap
from portal.sessions.models import Booking, BookingStatus
from tests import factories
from tests.conftest import htmx_headers
from tests.factories import (
    count_rows,
    create_board,
    create_concern,
    create_session,
    create_user,
)

KEY = "3f1c2a9e-5b7d-4e21-9c0a-1b2c3d4e5f60"


def _tap(client, address, data, key=KEY, **headers):
    person = client.get("/offline/token").get_json()
    data = {"csrf_token": person["token"], **data}
    headers = {"Idempotency-Key": key, "X-Offline-Person": person["person"], **headers}
    return client.post(address, data=data, headers=headers)


def test_im_coming_sent_three_times_is_saved_once(client_for, member):
    session = create_session(places=5)
    client = client_for(member)
    first = _tap(client, f"/sessions/{session.id}/coming", {"coming": "1"})
    assert first.status_code == 302
    for _retry in range(2):
        again = _tap(client, f"/sessions/{session.id}/coming", {"coming": "1"})
        assert again.status_code == 204
        assert again.headers["X-Offline-Tap"] == "already-saved"
    assert count_rows(Booking, session_id=session.id, status=BookingStatus.GOING) == 1
    assert count_rows(OfflineTap, user_id=member.id) == 1


def test_an_old_tap_sent_again_does_not_undo_a_newer_one(client_for, member):
    session = create_session(places=5)
    client = client_for(member)
    _tap(client, f"/sessions/{session.id}/coming", {"coming": "1"}, key="tap-one-coming")
    _tap(client, f"/sessions/{session.id}/coming", {"coming": "0"}, key="tap-two-not-coming")
    # The first tap's retry arrives late: it must not say "coming" again.
    late = _tap(client, f"/sessions/{session.id}/coming", {"coming": "1"}, key="tap-one-coming")
    assert late.status_code == 204
    assert count_rows(Booking, session_id=session.id, status=BookingStatus.GOING) == 0


def test_support_sent_twice_counts_once_with_htmx_too(client_for, member):
    author = create_user()
    board = create_board()
    concern = create_concern(board.id, author.id)
    client = client_for(member)
    before = count_rows(Support, concern_id=concern.id)  # the author supports their own
    address = f"/concerns/{concern.id}/support"
    assert _tap(client, address, {"supported": "1"}, **htmx_headers()).status_code == 200
    assert _tap(client, address, {"supported": "1"}, **htmx_headers()).status_code == 204
    # Taken back, then the first tap's copy arrives late: it changes nothing.
    assert (
        _tap(client, address, {"supported": "0"}, key="take-back-1", **htmx_headers()).status_code
        == 200
    )
    assert _tap(client, address, {"supported": "1"}, **htmx_headers()).status_code == 204
    assert count_rows(Support, concern_id=concern.id) == before
    with factories.APP.app_context():
        assert db.session.get(Concern, concern.id).support_count == before


def test_the_same_key_from_two_people_is_two_taps(client_for, member):
    other = create_user()
    session = create_session(places=5)
    for person in (member, other):
        assert (
            _tap(client_for(person), f"/sessions/{session.id}/coming", {"coming": "1"}).status_code
            == 302
        )
    assert count_rows(Booking, session_id=session.id, status=BookingStatus.GOING) == 2


def test_a_refused_tap_keeps_no_key_so_it_can_be_sent_again(client_for, member):
    session = create_session(places=5)
    client = client_for(member)
    address = f"/sessions/{session.id}/how-was-it"
    # Not there yet (nobody marked them as come): refused, and the key rolls back with it.
    assert _tap(client, address, {"face": "good"}).status_code == 403
    assert count_rows(OfflineTap, user_id=member.id) == 0


def test_a_tap_kept_for_someone_else_is_never_sent_in_this_persons_name(client_for, member):
    session = create_session(places=5)
    client = client_for(member)
    token = client.get("/offline/token").get_json()["token"]
    response = client.post(
        f"/sessions/{session.id}/coming",
        data={"csrf_token": token, "coming": "1"},
        headers={"Idempotency-Key": KEY, "X-Offline-Person": "someone-elses-key-000000"},
    )
    assert response.status_code == 409
    assert "saved for someone else" in response.get_data(as_text=True)
    assert count_rows(Booking, session_id=session.id) == 0


def test_a_key_that_is_not_a_key_is_refused(client_for, member):
    session = create_session(places=5)
    client = client_for(member)
    for bad in ("short", "x" * 65, "has spaces in it", "nul\x00byte-here"):
        response = _tap(client, f"/sessions/{session.id}/coming", {"coming": "1"}, key=bad)
        assert response.status_code == 400, bad
    assert count_rows(Booking, session_id=session.id) == 0


def test_signed_out_the_key_changes_nothing_and_the_words_are_kept_as_before(client):
    session = create_session(places=5)
    response = client.post(
        f"/sessions/{session.id}/coming",
        data={"csrf_token": client.csrf_token(), "coming": "1"},
        headers={"Idempotency-Key": KEY},
    )
    assert response.status_code in (302, 401)
    assert count_rows(OfflineTap) == 0


def test_a_kept_token_too_old_is_refused_but_a_fresh_one_from_the_worker_works(
    client_for, member, monkeypatch
):
    """A tap kept for more than a day holds a form token past WTF_CSRF_TIME_LIMIT: the worker
    asks /offline/token for a fresh one (same person, same cookie) before it sends."""
    session = create_session(places=5)
    client = client_for(member)
    kept_token = client.get("/offline/token").get_json()["token"]
    real_now = TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real_now(self) + 25 * 3600)
    old = client.post(
        f"/sessions/{session.id}/coming",
        data={"csrf_token": kept_token, "coming": "1"},
        headers={"Idempotency-Key": KEY},
    )
    assert old.status_code == 400
    assert count_rows(Booking, session_id=session.id) == 0
    fresh = _tap(client, f"/sessions/{session.id}/coming", {"coming": "1"})
    assert fresh.status_code == 302
    assert count_rows(Booking, session_id=session.id, status=BookingStatus.GOING) == 1


def test_the_fresh_token_is_only_for_someone_signed_in(client):
    response = client.get("/offline/token")
    assert response.status_code == 302
    assert "sign-in" in response.headers["Location"]


def test_two_copies_of_a_tap_arriving_at_once_count_once(app, member):
    """Two retries of one tap at the same moment: the key's primary key lets one in."""
    from portal.offline.once import record_tap
    from tests.sessions.test_last_place_race import _at_once

    results = []
    errors = _at_once(app, lambda _index: results.append(record_tap(member.id, KEY)), 2)
    assert errors == []
    assert sorted(results) == [False, True]
    assert count_rows(OfflineTap, user_id=member.id) == 1
