"""A member stops their supporter while the supporter taps "I'm coming": the booking is either
refused or stamped with the supporter, never made unstamped. Run on SQLite and, with
DATABASE_URL, on PostgreSQL (where the link row is locked for the supporter's post)."""

from __future__ import annotations

import threading

import pytest

from portal.sessions.models import Booking
from tests.conftest import PortalClient
from tests.factories import create_session, create_user
from tests.people.support_helpers import link, rows


def _signed_in(app, user) -> PortalClient:
    app.test_client_class = PortalClient
    client = app.test_client()
    client.sign_in_as(user)
    return client


@pytest.mark.parametrize("attempt", range(4))
def test_stop_racing_im_coming_is_refused_or_stamped(app, member, attempt):
    kim = create_user("supporter", username=f"kim{attempt}", display_name="Kim Evans")
    chosen = link(member, kim)
    session = create_session(title="Walk round the park")
    kim_client, sam_client = _signed_in(app, kim), _signed_in(app, member)
    assert kim_client.post_form(f"/people/helping/{chosen.id}/start").status_code == 302
    kim_token, sam_token = kim_client.csrf_token(), sam_client.csrf_token()
    answers: dict[str, int] = {}
    start = threading.Barrier(2)

    def coming():
        start.wait()
        response = kim_client.post(
            f"/sessions/{session.id}/coming", data={"coming": "1", "csrf_token": kim_token}
        )
        answers["coming"] = response.status_code

    def stop():
        start.wait()
        response = sam_client.post(
            f"/people/supporters/{chosen.id}/stop", data={"csrf_token": sam_token}
        )
        answers["stop"] = response.status_code

    threads = [threading.Thread(target=coming), threading.Thread(target=stop)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers["stop"] == 302
    bookings = rows(Booking, session_id=session.id)
    if answers["coming"] == 403:
        assert bookings == []  # refused: nothing saved
    else:
        assert answers["coming"] == 302
        [booking] = bookings
        assert (booking.user_id, booking.helped_by_id) == (member.id, kim.id)
