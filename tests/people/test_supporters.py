"""Supporters: a member says yes, the supporter helps with what was allowed, every action is
stamped and shown with both names, the member is told, and stopping ends it at once."""

from __future__ import annotations

import re

import pytest

from portal.accounts.helping import SupportLink
from portal.accounts.models import SecurityEvent
from portal.notices.models import Notice
from portal.sessions.models import Booking
from tests.conftest import htmx_headers
from tests.factories import create_session, create_user, fetch
from tests.people.support_helpers import link, rows, start_helping


def _words(page: str) -> str:
    """The page's words as a reader meets them: no tags, one space between words."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.fixture
def kim(app):
    return create_user("supporter", username="kim", display_name="Kim Evans")


@pytest.fixture
def kim_client(client_for, kim):
    return client_for(kim)


def test_member_asks_and_says_yes_with_chosen_scopes(client_for, member, kim):
    sam = client_for(member)
    page = sam.post_form("/people/supporters", {"username": "kim"})
    assert page.status_code == 302
    [asked] = rows(SupportLink, member_id=member.id)
    assert asked.confirmed_at is None
    # Kim cannot help before Sam says yes.
    kim_client = client_for(kim)
    assert kim_client.post_form(f"/people/helping/{asked.id}/start").status_code == 404
    yes_page = sam.get(f"/people/supporters/{asked.id}/yes").get_data(as_text=True)
    assert "Do you want help from Kim Evans?" in yes_page
    assert "They cannot change how you sign in." in yes_page
    sam.post_form(f"/people/supporters/{asked.id}/yes", {"scopes": ["see", "coming"]})
    [confirmed] = rows(SupportLink, member_id=member.id)
    assert confirmed.scopes == ["see", "coming"] and confirmed.confirmed_at is not None
    assert "Sam Jones" in kim_client.get("/people/helping").get_data(as_text=True)
    [event] = rows(SecurityEvent, kind="support_link_started")
    assert (event.user_id, event.actor_id) == (member.id, kim.id)
    assert [n.kind for n in rows(Notice, user_id=kim.id)] == ["support_yes"]


def test_asking_someone_who_is_not_a_supporter_is_refused(client_for, member, staff):
    sam = client_for(member)
    response = sam.post_form("/people/supporters", {"username": staff.username})
    assert response.status_code == 422
    assert "We cannot find a supporter with that username." in response.get_data(as_text=True)
    assert rows(SupportLink) == []


def test_helping_shows_the_banner_and_stamps_im_coming(client_for, member, kim):
    chosen = link(member, kim)
    session = create_session(title="Walk round the park")
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    page = kim_client.get("/").get_data(as_text=True)
    assert "You are helping <bdi>Sam Jones</bdi>." in page
    assert "Stop helping" in page
    kim_client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    [booking] = rows(Booking, session_id=session.id)
    assert (booking.user_id, booking.helped_by_id) == (member.id, kim.id)
    [told] = rows(Notice, user_id=member.id, kind="helped_you")
    assert told.params["helper"] == "Kim Evans"
    assert told.params["actions"] == [{"what": "coming", "title": "Walk round the park"}]
    # A second action in the same visit joins the same notice (batched).
    kim_client.post_form(f"/sessions/{session.id}/coming", {"coming": "0"})
    [told] = rows(Notice, user_id=member.id, kind="helped_you")
    assert [a["what"] for a in told.params["actions"]] == ["coming", "not_coming"]
    sam_page = client_for(member).get("/whats-new").get_data(as_text=True)
    assert "Kim Evans helped you: you said you are coming to Walk round the park" in sam_page
    kinds = [event.kind for event in rows(SecurityEvent, user_id=member.id)]
    assert "helping_started" in kinds


def test_the_member_is_told_in_their_own_language(client_for, kim):
    ffion = create_user("member", username="ffion", display_name="Ffion", language="cy")
    chosen = link(ffion, kim)
    session = create_session(title="Taith")
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    kim_client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    page = client_for(ffion).get("/whats-new").get_data(as_text=True)
    assert "Kim Evans" in page and "Taith" in page
    assert "helped you" not in page


def test_only_allowed_scopes_and_never_sign_in_settings(client_for, member, kim):
    chosen = link(member, kim, scopes=("see", "coming"))
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    assert kim_client.get("/sessions").status_code == 200
    for url in ["/concerns", "/my-sign-in", "/whats-new/email", "/people/supporters", "/people"]:
        response = kim_client.get(url)
        assert response.status_code == 403, url
        body = response.get_data(as_text=True)
        assert "You cannot do this while you help" in body, url
    page = kim_client.get("/").get_data(as_text=True)
    assert 'href="/concerns"' not in page  # links the member did not allow are not offered


def test_cannot_help_someone_who_did_not_choose_them(client_for, member, kim):
    other = create_user("supporter", username="lee", display_name="Lee")
    chosen = link(member, other)
    kim_client = client_for(kim)
    assert kim_client.post_form(f"/people/helping/{chosen.id}/start").status_code == 404
    assert "You are helping" not in kim_client.get("/").get_data(as_text=True)


def test_members_cannot_reach_people_you_help(client_for, member):
    assert client_for(member).get("/people/helping").status_code == 403


def test_stopping_ends_access_at_once_htmx_included(client_for, member, kim):
    chosen = link(member, kim)
    session = create_session()
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    token = kim_client.csrf_token()  # the page is open, its form ready
    sam = client_for(member)
    sam.post_form(f"/people/supporters/{chosen.id}/stop")
    # A page already open sends an htmx post: refused, and the whole page goes to the message.
    response = kim_client.post(
        f"/sessions/{session.id}/coming",
        data={"coming": "1", "csrf_token": token},
        headers=htmx_headers(),
    )
    assert response.status_code == 403
    assert response.headers["HX-Redirect"] == "/people/helping"
    assert rows(Booking) == []
    page = kim_client.get("/people/helping").get_data(as_text=True)
    assert (
        "You cannot help <bdi>Sam Jones</bdi> now." in page
        or "You cannot help Sam Jones now" in page
    )
    assert "You are helping" not in kim_client.get("/").get_data(as_text=True)
    kinds = {n.kind for n in rows(Notice)}
    assert {"support_stopped_member", "support_stopped_supporter"} <= kinds
    [event] = rows(SecurityEvent, kind="support_link_stopped")
    assert event.actor_id == member.id


def test_plain_post_after_stop_is_refused_in_easy_read(client_for, member, kim):
    chosen = link(member, kim)
    session = create_session()
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    token = kim_client.csrf_token()
    client_for(member).post_form(f"/people/supporters/{chosen.id}/stop")
    response = kim_client.post(
        f"/sessions/{session.id}/coming", data={"coming": "1", "csrf_token": token}
    )
    assert response.status_code == 403
    assert "The help was stopped." in response.get_data(as_text=True)
    assert rows(Booking) == []


def test_staff_ask_see_and_stop_links(client_for, member, kim, staff):
    jo = client_for(staff)
    jo.post_form(f"/people/{member.id}/supporters", {"supporter": str(kim.id)})
    [asked] = rows(SupportLink, member_id=member.id)
    assert asked.asked_by_id == staff.id and asked.confirmed_at is None
    client_for(member).post_form(f"/people/supporters/{asked.id}/yes", {"scopes": ["see"]})
    page = jo.get(f"/people/{member.id}").get_data(as_text=True)
    assert "Kim Evans" in page and "helps now" in page
    jo.post_form(f"/people/{member.id}/supporters/{asked.id}/stop")
    assert fetch(SupportLink, asked.id).stopped_by_id == staff.id
    told = {(n.user_id, n.kind) for n in rows(Notice)}
    assert (member.id, "support_stopped_member") in told
    assert (kim.id, "support_stopped_supporter") in told


def test_stop_helping_goes_back_and_is_logged(client_for, member, kim):
    chosen = link(member, kim)
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    kim_client.post_form("/people/helping/stop")
    assert "You are helping" not in kim_client.get("/people/helping").get_data(as_text=True)
    [event] = rows(SecurityEvent, kind="helping_stopped")
    assert (event.user_id, event.actor_id) == (member.id, kim.id)


def test_signing_out_while_helping_logs_the_stop(client_for, member, kim):
    chosen = link(member, kim)
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    kim_client.post_form("/sign-out")
    assert [e.actor_id for e in rows(SecurityEvent, kind="helping_stopped")] == [kim.id]
    assert rows(SecurityEvent, kind="signed_out_everywhere") == []


def test_language_switch_while_helping_keeps_the_members_own(client_for, member, kim):
    from portal.accounts.models import User

    chosen = link(member, kim)
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    kim_client.post_form("/language", {"language": "cy", "next": "/"})
    assert fetch(User, member.id).language == "en"


def test_concerns_replies_supports_and_ideas_are_stamped_and_shown(
    client_for, member, kim, staff, co_trainer
):
    from portal.agendas.models import AgendaSuggestion
    from portal.concerns.models import Concern, Reply, Support
    from tests.factories import create_board, create_concern

    board = create_board("Getting about")
    others = create_concern(board.id, staff.id, "The lift is broken")
    session = create_session(title="Games day", trainers=[co_trainer])
    kim_client = client_for(kim)
    start_helping(kim_client, link(member, kim))
    kim_client.post_form(f"/concerns/{others.id}/support", {"supported": "1"})
    kim_client.post_form(f"/concerns/{others.id}/replies", {"words": "Me too, every week."})
    kim_client.post_form(
        f"/agendas/session/{session.id}/suggest", {"title": "Buses", "details": ""}
    )
    [support] = rows(Support, user_id=member.id)
    [reply] = rows(Reply, author_id=member.id)
    [idea] = rows(AgendaSuggestion, user_id=member.id)
    assert support.helped_by_id == reply.helped_by_id == idea.helped_by_id == kim.id
    page = client_for(staff).get(f"/concerns/{others.id}").get_data(as_text=True)
    assert "Sam Jones (helped by Kim Evans)" in _words(page)
    agenda = client_for(co_trainer).get(f"/agendas/session/{session.id}").get_data(as_text=True)
    assert "Sam Jones (helped by Kim Evans) wants to talk about" in _words(agenda)
    [told] = rows(Notice, user_id=member.id, kind="helped_you")
    assert [a["what"] for a in told.params["actions"]] == ["support", "reply", "idea"]
    # Sam on his own later: nothing of his is stamped.
    client_for(member).post_form(f"/concerns/{others.id}/replies", {"words": "Still broken."})
    assert sorted(r.helped_by_id or 0 for r in rows(Reply, author_id=member.id)) == [0, kim.id]
    assert rows(Concern, author_id=member.id) == []


def test_attendance_list_shows_both_names(client_for, member, kim, co_trainer):
    session = create_session(title="Games day", trainers=[co_trainer])
    kim_client = client_for(kim)
    start_helping(kim_client, link(member, kim))
    kim_client.post_form(f"/sessions/{session.id}/coming", {"coming": "1"})
    page = client_for(co_trainer).get(f"/sessions/{session.id}/people")
    assert "Sam Jones (helped by Kim Evans)" in _words(page.get_data(as_text=True))


def test_a_member_stopped_from_posting_is_stopped_for_the_supporter(client_for, member, kim, staff):
    from portal.concerns.models import Reply
    from tests.factories import create_board, create_concern

    board = create_board("Getting about")
    concern = create_concern(board.id, staff.id, "The lift is broken")
    client_for(staff).post_form(f"/moderation/people/{member.id}/posting", {"reason": "Rude"})
    kim_client = client_for(kim)
    start_helping(kim_client, link(member, kim))
    response = kim_client.post_form(f"/concerns/{concern.id}/replies", {"words": "Me too."})
    assert response.status_code == 403
    assert "Staff stopped you posting for now." in response.get_data(as_text=True)
    assert rows(Reply) == []


def test_a_supporter_who_is_no_longer_a_supporter_stops_helping_at_once(
    client_for, member, kim, staff
):
    from portal.accounts.models import Role, User
    from tests.factories import APP

    kim_client = client_for(kim)
    start_helping(kim_client, link(member, kim))
    with APP.app_context():
        from portal.extensions import db

        db.session.get(User, kim.id).role = Role.MEMBER
        db.session.commit()
    response = kim_client.get("/sessions")
    assert response.status_code == 302 and response.location.endswith("/people/helping")
    assert "You are helping" not in kim_client.get("/help").get_data(as_text=True)


def test_signing_out_after_the_help_was_stopped_still_signs_out(client_for, member, kim):
    chosen = link(member, kim)
    kim_client = client_for(kim)
    start_helping(kim_client, chosen)
    token = kim_client.csrf_token()
    client_for(member).post_form(f"/people/supporters/{chosen.id}/stop")
    response = kim_client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 302
    assert kim_client.get("/people/helping").status_code == 302  # to sign in: signed out
