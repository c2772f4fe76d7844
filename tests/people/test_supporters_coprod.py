"""A supporter helping with the co-production loop: backing an idea (the agenda scope) and
saying how a session was (the coming scope) are stamped with both people, told to the member,
and refused without the scope."""

from __future__ import annotations

from datetime import timedelta

from portal.agendas.backing import IdeaBacking
from portal.notices.models import Notice
from portal.sessions.feedback import Feedback
from tests.factories import create_session, create_suggestion, create_user
from tests.people.support_helpers import link, rows, start_helping
from tests.people.test_supporters import kim  # noqa: F401  (a fixture)
from tests.sessions.test_feedback import _mark


def test_backing_an_idea_with_help_is_stamped_and_told(client_for, member, kim, co_trainer):  # noqa: F811
    session = create_session(title="Games day", trainers=[co_trainer])
    idea = create_suggestion(session.id, create_user("member").id, "Buses")
    helping = client_for(kim)
    start_helping(helping, link(member, kim, scopes=("see", "agenda")))
    url = f"/agendas/session/{session.id}/ideas/{idea.id}/back"
    assert helping.post_form(url, {"backed": "1"}).status_code == 302
    [backing] = rows(IdeaBacking, suggestion_id=idea.id)
    assert (backing.user_id, backing.helped_by_id) == (member.id, kim.id)
    [told] = rows(Notice, user_id=member.id, kind="helped_you")
    assert told.params["actions"] == [{"what": "back_idea", "title": "Buses"}]


def test_backing_needs_the_agenda_scope(client_for, member, kim, co_trainer):  # noqa: F811
    session = create_session(title="Games day", trainers=[co_trainer])
    idea = create_suggestion(session.id, create_user("member").id, "Buses")
    helping = client_for(kim)
    start_helping(helping, link(member, kim, scopes=("see", "coming")))
    url = f"/agendas/session/{session.id}/ideas/{idea.id}/back"
    response = helping.post_form(url, {"backed": "1"})
    assert response.status_code == 403
    assert rows(IdeaBacking, suggestion_id=idea.id) == []


def test_saying_how_it_was_with_help_is_stamped_and_told(client_for, member, kim, co_trainer):  # noqa: F811
    session = create_session(
        title="Walk round the park", starts_in=-timedelta(hours=4), hours=3, trainers=[co_trainer]
    )
    _mark(session.id, member)
    url = f"/sessions/{session.id}/how-was-it"
    refused = client_for(kim)
    start_helping(refused, link(member, kim, scopes=("see",)))
    assert refused.post_form(url, {"face": "good"}).status_code == 403
    assert rows(Feedback, session_id=session.id) == []

    helping = client_for(kim)
    start_helping(helping, link(member, kim, scopes=("see", "coming")))
    assert helping.post_form(url, {"face": "good", "what_good": "The walk"}).status_code == 302
    [answer] = rows(Feedback, session_id=session.id)
    assert (answer.user_id, answer.face, answer.helped_by_id) == (member.id, "good", kim.id)
    told = rows(Notice, user_id=member.id, kind="helped_you")
    assert {"what": "feedback", "title": "Walk round the park"} in told[-1].params["actions"]
    # Sam changes it on his own later: no longer stamped.
    client_for(member).post_form(url, {"face": "ok"})
    [answer] = rows(Feedback, session_id=session.id)
    assert (answer.face, answer.helped_by_id) == ("ok", None)


def test_a_supporter_helping_is_rate_limited_as_themselves(app, member, kim):  # noqa: F811
    from portal.extensions import per_person

    with app.test_request_context():
        from flask_login import current_user, login_user

        login_user(member)
        current_user.helper = kim
        assert per_person() == f"user:{kim.id}"
        current_user.helper = None
        assert per_person() == f"user:{member.id}"
