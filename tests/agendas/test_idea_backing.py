"""Members back each other's ideas: one each, undo, the order co-trainers see, and everyone
who backed an idea hears the answer with its reason."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.agendas.backing import IdeaBacking
from portal.extensions import db
from portal.notices.models import Notice
from tests import factories
from tests.conftest import htmx_headers
from tests.factories import create_session, create_suggestion, create_user


def _backers(suggestion_id: int) -> list[int]:
    with factories.APP.app_context():
        query = sa.select(IdeaBacking.user_id).where(IdeaBacking.suggestion_id == suggestion_id)
        return sorted(db.session.scalars(query))


def _client_for(client_as, person):
    client = client_as(None)
    client.sign_in_as(person)
    return client


def _back_url(session, idea) -> str:
    return f"/agendas/session/{session.id}/ideas/{idea.id}/back"


def test_back_twice_counts_once_and_undo(client_as, co_trainer, member):
    session = create_session(trainers=[co_trainer])
    author = create_user("member", display_name="Ada Author")
    idea = create_suggestion(session.id, author.id, "Buses at night")
    client = client_as("member")
    page = client.get(f"/agendas/session/{session.id}/suggest").get_data(as_text=True)
    assert "Ideas from other members" in page and "Buses at night" in page
    assert "Ada Author" not in page  # members see the idea, not who sent it
    for _ in range(2):
        assert client.post_form(_back_url(session, idea), {"backed": "1"}).status_code == 302
    assert _backers(idea.id) == [member.id]
    response = client.post_form(_back_url(session, idea), {"backed": "1"}, headers=htmx_headers())
    body = response.get_data(as_text=True)
    assert f'id="backing-{idea.id}"' in body and "1 person backs this" in body
    assert 'aria-pressed="true"' in body and "<html" not in body
    client.post_form(_back_url(session, idea), {"backed": "0"})
    assert _backers(idea.id) == []


def test_not_your_own_not_answered_not_started_not_when_stopped(client_as, co_trainer, member):
    session = create_session(trainers=[co_trainer])
    own = create_suggestion(session.id, member.id, "My idea")
    client = client_as("member")
    page = client.get(f"/agendas/session/{session.id}/suggest").get_data(as_text=True)
    assert "Ideas from other members" not in page
    response = client.post_form(_back_url(session, own), {"backed": "1"}, follow_redirects=True)
    assert "This is your own idea." in response.get_data(as_text=True)
    assert _backers(own.id) == []
    started = create_session(starts_in=-timedelta(minutes=5), trainers=[co_trainer])
    other = create_suggestion(started.id, create_user("member").id, "Late idea")
    response = client.post_form(_back_url(started, other), {"backed": "1"}, follow_redirects=True)
    assert "You cannot back ideas for it now." in response.get_data(as_text=True)
    assert _backers(other.id) == []
    fresh = create_suggestion(session.id, create_user("member").id, "Fresh idea")
    stop = client_as("staff").post_form(
        f"/moderation/people/{member.id}/posting", {"reason": "You wrote unkind things."}
    )
    assert stop.status_code == 302
    response = client.post_form(_back_url(session, fresh), {"backed": "1"}, follow_redirects=True)
    assert "You cannot back ideas for now." in response.get_data(as_text=True)
    assert _backers(fresh.id) == []


def test_an_idea_in_another_session_or_unseen_session_is_not_found(client_as, co_trainer):
    session = create_session(trainers=[co_trainer])
    elsewhere = create_session(trainers=[co_trainer])
    idea = create_suggestion(elsewhere.id, create_user("member").id, "Elsewhere")
    client = client_as("member")
    url = f"/agendas/session/{session.id}/ideas/{idea.id}/back"
    assert client.post_form(url, {"backed": "1"}).status_code == 404
    assert client.post_form(_back_url(session, idea) + "x", {"backed": "1"}).status_code == 404
    assert _backers(idea.id) == []


def test_co_trainers_see_ideas_most_backed_first(client_as, co_trainer):
    session = create_session(trainers=[co_trainer])
    quiet = create_suggestion(session.id, create_user("member").id, "Quiet idea")
    popular = create_suggestion(session.id, create_user("member").id, "Popular idea")
    for _ in range(3):
        _client_for(client_as, create_user("member")).post_form(
            _back_url(session, popular), {"backed": "1"}
        )
    page = client_as("co_trainer").get(f"/agendas/session/{session.id}").get_data(as_text=True)
    assert page.index("Popular idea") < page.index("Quiet idea")
    assert "3 members back this idea." in page
    assert quiet.id != popular.id


def test_backers_are_told_the_answer_and_the_reason(app, client_as, co_trainer):
    session = create_session(trainers=[co_trainer])
    author = create_user("member")
    backers = [create_user("member") for _ in range(2)]
    yes = create_suggestion(session.id, author.id, "Yes idea")
    no = create_suggestion(session.id, author.id, "No idea")
    for person in backers:
        client = _client_for(client_as, person)
        client.post_form(_back_url(session, yes), {"backed": "1"})
        client.post_form(_back_url(session, no), {"backed": "1"})
    trainer = client_as("co_trainer")
    answer = f"/agendas/session/{session.id}/suggestions"
    accepted = trainer.post_form(
        f"{answer}/{yes.id}", {"accept": "1", "minutes": "20", "reply": "Good one"}
    )
    assert accepted.status_code in (302, 303)
    trainer.post_form(f"{answer}/{no.id}", {"accept": "0", "reply": "We did it last time"})
    with app.app_context():
        rows = db.session.execute(
            sa.select(Notice.user_id, Notice.kind, Notice.params).where(
                Notice.kind.like("agenda_backed_idea_%")
            )
        ).all()
    told = sorted((user_id, kind, params["reply"]) for user_id, kind, params in rows)
    assert told == sorted(
        [(p.id, "agenda_backed_idea_accepted", "Good one") for p in backers]
        + [(p.id, "agenda_backed_idea_declined", "We did it last time") for p in backers]
    )
    page = _client_for(client_as, backers[0]).get("/whats-new").get_data(as_text=True)
    assert "An idea you backed, No idea, is not on the agenda this time." in page
    assert "We did it last time" in page
