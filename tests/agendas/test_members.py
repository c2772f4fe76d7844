"""Members: the published agenda, large print, "Changed since you last looked", suggestions."""

from __future__ import annotations

from portal.agendas.models import AgendaItem, AgendaSuggestion
from portal.notices.models import Notice
from tests.conftest import htmx_headers
from tests.factories import book, create_agenda_item, fetch, publish_agenda


def _notices(app, user_id: int) -> list[tuple[str, dict]]:
    with app.app_context():
        from portal.extensions import db

        rows = db.session.scalars(db.select(Notice).where(Notice.user_id == user_id))
        return [(notice.kind, notice.params) for notice in rows]


def test_members_see_only_a_published_agenda(client_as, training):
    create_agenda_item(training.id, title="Secret draft part")
    member = client_as("member")
    page = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Secret draft part" not in page
    assert "The plan is not ready yet." in page
    assert member.get(f"/agendas/session/{training.id}/print").status_code == 404
    # The people running it see their draft on the session page, marked as a draft.
    trainer_page = client_as("co_trainer").get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Secret draft part" in trainer_page and "This is a draft." in trainer_page

    publish_agenda(training.id)
    page = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Secret draft part" in page and "10am" in page
    large = member.get(f"/agendas/session/{training.id}/print")
    assert large.status_code == 200
    assert "Secret draft part" in large.get_data(as_text=True)
    assert "agenda-large-print" in large.get_data(as_text=True)
    # Each part has its own Listen on the session page; the large print has the page's one.
    assert 'data-listen="agenda-part-' in page
    assert 'data-listen="agenda-part-' not in large.get_data(as_text=True)


def test_publishing_tells_the_people_going(app, client_as, training, users_by_role):
    member = users_by_role["member"]
    book(training.id, member.id)
    item = create_agenda_item(training.id, title="Games")
    client = client_as("co_trainer")
    base = f"/agendas/session/{training.id}"
    client.post_form(f"{base}/publish", {"publish": "1"})
    told = [("agenda_published", {"title": "Train the trainers"})]
    assert _notices(app, member.id) == told
    # Nothing changed since they were told: a tap on "Tell people it changed" sends nothing.
    response = client.post_form(f"{base}/tell-people")
    page = client.get(response.location).get_data(as_text=True)
    assert "The people going know about these changes already." in page
    assert _notices(app, member.id) == told
    client.post_form(
        f"{base}/items/{item.id}",
        {"title": "Name games", "minutes": "20", "kind": "game", "version": "1"},
    )
    client.post_form(f"{base}/tell-people")
    client.post_form(f"{base}/tell-people")  # a second tap tells nobody twice
    told.append(("agenda_changed", {"title": "Train the trainers"}))
    assert _notices(app, member.id) == told
    # A draft spell and publishing again tells nobody: they were told it is ready already.
    client.post_form(f"{base}/publish", {"publish": "0"})
    response = client.post_form(f"{base}/tell-people")
    assert "It is a draft. Members cannot see it yet." in client.get(response.location).get_data(
        as_text=True
    )
    client.post_form(f"{base}/publish", {"publish": "1"})
    assert _notices(app, member.id) == told


def test_changes_made_during_a_draft_spell_are_marked(client_as, training):
    item = create_agenda_item(training.id, title="Games")
    publish_agenda(training.id)
    member = client_as("member")
    member.get(f"/sessions/{training.id}")
    trainer = client_as("co_trainer")
    base = f"/agendas/session/{training.id}"
    trainer.post_form(f"{base}/publish", {"publish": "0"})
    trainer.post_form(
        f"{base}/items/{item.id}",
        {"title": "Name games", "minutes": "20", "kind": "game", "version": "1"},
    )
    trainer.post_form(f"{base}/publish", {"publish": "1"})
    page = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Name games" in page and "Changed since you last looked" in page


def test_changed_since_you_last_looked(client_as, training):
    item = create_agenda_item(training.id, title="Games")
    publish_agenda(training.id)
    member = client_as("member")
    first = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Changed since you last looked" not in first
    client_as("co_trainer").post_form(
        f"/agendas/session/{training.id}/items/{item.id}",
        {"title": "Name games", "minutes": "20", "kind": "game", "version": "1"},
    )
    second = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Name games" in second and "Changed since you last looked" in second
    third = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Changed since you last looked" not in third


def test_member_suggests_and_a_trainer_accepts(app, client_as, training, users_by_role):
    member = client_as("member")
    response = member.post_form(
        f"/agendas/session/{training.id}/suggest",
        {"title": "Buses to the centre", "details": "The 23 bus stopped."},
    )
    assert response.status_code == 302
    trainer = client_as("co_trainer")
    page = trainer.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "Sam Jones wants to talk about Buses to the centre." in page
    with app.app_context():
        from portal.extensions import db

        suggestion_id = db.session.scalar(db.select(AgendaSuggestion.id))
    trainer.post_form(
        f"/agendas/session/{training.id}/suggestions/{suggestion_id}",
        {"accept": "1", "reply": "Good idea, thank you.", "minutes": "20"},
    )
    suggestion = fetch(AgendaSuggestion, suggestion_id)
    assert suggestion.status.value == "accepted"
    item = fetch(AgendaItem, suggestion.item_id)
    assert item.title == "Buses to the centre" and item.minutes == 20
    notices = _notices(app, users_by_role["member"].id)
    assert (
        "agenda_suggestion_accepted",
        {"title": "Buses to the centre", "reply": "Good idea, thank you."},
    ) in notices
    answers = member.get(f"/agendas/session/{training.id}/suggest").get_data(as_text=True)
    assert "It is on the agenda." in answers and "Good idea, thank you." in answers


def test_trainer_declines_with_a_reply_the_member_sees(app, client_as, training, users_by_role):
    member = client_as("member")
    member.post_form(f"/agendas/session/{training.id}/suggest", {"title": "Football"})
    with app.app_context():
        from portal.extensions import db

        suggestion_id = db.session.scalar(db.select(AgendaSuggestion.id))
    trainer = client_as("co_trainer")
    url = f"/agendas/session/{training.id}/suggestions/{suggestion_id}"
    trainer.post_form(url, {"accept": "0", "reply": "Not this time. Maybe next month."})
    answers = member.get(f"/agendas/session/{training.id}/suggest").get_data(as_text=True)
    assert "It is not on the agenda this time." in answers
    assert "Not this time. Maybe next month." in answers
    assert fetch(AgendaSuggestion, suggestion_id).item_id is None
    kinds = [kind for kind, _ in _notices(app, users_by_role["member"].id)]
    assert kinds == ["agenda_suggestion_declined"]
    # Answering twice does not make a second item or notice.
    trainer.post_form(url, {"accept": "1", "reply": "Yes after all"})
    assert fetch(AgendaSuggestion, suggestion_id).status.value == "declined"


def test_a_suggestion_needs_words(client_as, training):
    response = client_as("member").post_form(
        f"/agendas/session/{training.id}/suggest", {"title": ""}
    )
    assert response.status_code == 422
    assert "Write what you want to talk about." in response.get_data(as_text=True)


def _one_suggestion(app, client_as, training, title="Football") -> int:
    client_as("member").post_form(f"/agendas/session/{training.id}/suggest", {"title": title})
    with app.app_context():
        from portal.extensions import db

        return db.session.scalar(db.select(AgendaSuggestion.id))


def test_answering_with_htmx_updates_the_live_part(app, client_as, training):
    suggestion_id = _one_suggestion(app, client_as, training)
    response = client_as("co_trainer").post_form(
        f"/agendas/session/{training.id}/suggestions/{suggestion_id}",
        {"accept": "1", "reply": "Yes please", "minutes": "25"},
        headers=htmx_headers(),
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="agenda-live"' in body
    assert "Football is on the agenda now." in body
    assert ">Football<" in body and "No new ideas from members." in body
    assert 'data-forget-draft="agenda-answer-' in body


def test_bad_minutes_when_accepting_keep_the_reply(app, client_as, training):
    suggestion_id = _one_suggestion(app, client_as, training)
    url = f"/agendas/session/{training.id}/suggestions/{suggestion_id}"
    trainer = client_as("co_trainer")
    for minutes in ("0", "481", "lots", ""):
        response = trainer.post_form(url, {"accept": "1", "reply": "Good idea", "minutes": minutes})
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert "Write the minutes as a number from 1 to 480." in page
        assert 'value="Good idea"' in page
    assert fetch(AgendaSuggestion, suggestion_id).status.value == "waiting"
    # Saying no needs no minutes.
    response = trainer.post_form(url, {"accept": "0", "reply": "Not now", "minutes": "lots"})
    assert response.status_code == 302
    assert fetch(AgendaSuggestion, suggestion_id).status.value == "declined"


def test_a_reply_that_is_too_long_is_refused_and_kept(app, client_as, training):
    suggestion_id = _one_suggestion(app, client_as, training)
    long_reply = "word " * 70
    response = client_as("co_trainer").post_form(
        f"/agendas/session/{training.id}/suggestions/{suggestion_id}",
        {"accept": "0", "reply": long_reply},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Use 300 letters or fewer." in page and long_reply.strip() in page


def test_saying_no_needs_a_reason_and_yes_does_not(app, client_as, training, users_by_role):
    suggestion_id = _one_suggestion(app, client_as, training)
    url = f"/agendas/session/{training.id}/suggestions/{suggestion_id}"
    trainer = client_as("co_trainer")
    response = trainer.post_form(url, {"accept": "0", "reply": "  "})
    assert response.status_code == 422
    assert "Tell them why, in a few kind words." in response.get_data(as_text=True)
    assert fetch(AgendaSuggestion, suggestion_id).status.value == "waiting"
    assert trainer.post_form(url, {"accept": "1", "minutes": "20"}).status_code == 302
    assert fetch(AgendaSuggestion, suggestion_id).status.value == "accepted"
    notices = _notices(app, users_by_role["member"].id)
    assert ("agenda_suggestion_accepted_no_reply", {"title": "Football", "reply": ""}) in notices
    page = client_as("member").get("/whats-new").get_data(as_text=True)
    assert "Your idea Football is on the agenda." in page and "They said" not in page


def test_no_ideas_for_a_cancelled_or_started_session(app, client_as, training):
    url = f"/agendas/session/{training.id}/suggest"
    member = client_as("member")
    with app.app_context():
        from portal.extensions import db
        from portal.sessions.models import TrainingSession
        from portal.timeutil import utcnow

        db.session.get(TrainingSession, training.id).cancelled_at = utcnow()
        db.session.commit()
    page = member.get(url).get_data(as_text=True)
    assert "This session is cancelled. You cannot send ideas for it." in page
    assert "Send my idea" not in page
    response = member.post_form(url, {"title": "Buses", "details": "The 23 bus stopped."})
    assert response.status_code == 409
    assert "The 23 bus stopped." in response.get_data(as_text=True)  # their words are kept
    with app.app_context():
        from datetime import timedelta

        session = db.session.get(TrainingSession, training.id)
        session.cancelled_at = None
        session.start_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
    response = member.post_form(url, {"title": "Buses"})
    assert response.status_code == 409
    assert "This session has started." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AgendaSuggestion.id))) == 0


def test_refused_ideas_do_not_use_up_the_hourly_limit(app, client_as, training):
    """Only ideas that were sent count against the 20 an hour, so a struggling member is never
    locked out before they have sent one."""
    from portal.extensions import db
    from portal.sessions.models import TrainingSession
    from portal.timeutil import utcnow

    url = f"/agendas/session/{training.id}/suggest"
    member = client_as("member")
    for _ in range(10):
        assert member.post_form(url, {"title": ""}).status_code == 422
        assert member.post_form(url, {"title": "x" * 81}).status_code == 422
    with app.app_context():
        db.session.get(TrainingSession, training.id).cancelled_at = utcnow()
        db.session.commit()
    for _ in range(5):
        assert member.post_form(url, {"title": "Buses"}).status_code == 409
    with app.app_context():
        db.session.get(TrainingSession, training.id).cancelled_at = None
        db.session.commit()
    assert member.post_form(url, {"title": "Football"}).status_code == 302
    # The limit still holds for ideas that were sent: 20 an hour.
    for number in range(19):
        assert member.post_form(url, {"title": f"Idea {number}"}).status_code == 302
    assert member.post_form(url, {"title": "One more"}).status_code == 429
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AgendaSuggestion.id))) == 20


def test_large_print_of_a_draft_says_it_is_a_draft(client_as, training):
    create_agenda_item(training.id, title="Games")
    trainer = client_as("co_trainer")
    page = trainer.get(f"/agendas/session/{training.id}/print").get_data(as_text=True)
    assert "This is a draft. Members cannot see it yet." in page
    # The buttons sit in the part that is not printed.
    assert '<ul class="actions agenda-actions">' in page.split("Back to the session")[0]
    publish_agenda(training.id)
    page = trainer.get(f"/agendas/session/{training.id}/print").get_data(as_text=True)
    assert "This is a draft." not in page


def _taken_off(page: str) -> list[str]:
    """The titles in "Taken off since you last looked", or [] when it is not there."""
    import re

    box = re.search(r'<div class="agenda-removed".*?</div>', page, re.S)
    return re.findall(r"<li><bdi>(.*?)</bdi></li>", box.group(0)) if box else []


def test_parts_taken_off_since_you_last_looked_are_listed_once(client_as, training):
    games = create_agenda_item(training.id, title="Games")
    lunch = create_agenda_item(training.id, title="Lunch")
    create_agenda_item(training.id, title="Goodbye")
    publish_agenda(training.id)
    member = client_as("member")
    first = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert _taken_off(first) == [] and "Taken off since you last looked" not in first
    trainer = client_as("co_trainer")
    base = f"/agendas/session/{training.id}/items"
    # Renamed, then taken off: listed with the title the member read.
    trainer.post_form(
        f"{base}/{games.id}",
        {"title": "Name games", "minutes": "20", "kind": "game", "version": "1"},
    )
    trainer.post_form(f"{base}/{games.id}/delete", {"version": "2"})
    trainer.post_form(f"{base}/{lunch.id}/delete", {"version": "1"})
    # Added and taken off before the member looked again: they never saw it.
    quick = create_agenda_item(training.id, title="Quick quiz")
    trainer.post_form(f"{base}/{quick.id}/delete", {"version": "1"})
    second = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Taken off since you last looked" in second
    assert _taken_off(second) == ["Games", "Lunch"]
    assert "Goodbye" in second
    # Looked at now: the list goes, like "Changed since you last looked".
    third = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert _taken_off(third) == [] and "Taken off since you last looked" not in third


def test_a_part_taken_off_and_put_back_is_not_listed(client_as, training):
    games = create_agenda_item(training.id, title="Games")
    publish_agenda(training.id)
    member = client_as("member")
    member.get(f"/sessions/{training.id}")
    trainer = client_as("co_trainer")
    base = f"/agendas/session/{training.id}/items/{games.id}"
    trainer.post_form(f"{base}/delete", {"version": "1"})
    trainer.post_form(f"{base}/put-back", {"version": "2"})
    page = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert _taken_off(page) == []
    assert "Changed since you last looked" in page


def test_nothing_is_listed_before_the_first_look(client_as, training):
    games = create_agenda_item(training.id, title="Games")
    create_agenda_item(training.id, title="Lunch")
    publish_agenda(training.id)
    client_as("co_trainer").post_form(
        f"/agendas/session/{training.id}/items/{games.id}/delete", {"version": "1"}
    )
    page = client_as("member").get(f"/sessions/{training.id}").get_data(as_text=True)
    assert _taken_off(page) == []


def test_looking_again_with_nothing_new_writes_nothing(app, client_as, training):
    """The seen time moves only when there was something new to see: a plain view is a read."""
    import sqlalchemy as sa

    from portal.agendas.models import AgendaSeen
    from portal.extensions import db

    def seen_times():
        with app.app_context():
            return db.session.scalars(sa.select(AgendaSeen.seen_at)).all()

    item = create_agenda_item(training.id, title="Games")
    publish_agenda(training.id)
    member = client_as("member")
    member.get(f"/sessions/{training.id}")
    first = seen_times()
    assert len(first) == 1  # the first look is kept
    member.get(f"/sessions/{training.id}")
    assert seen_times() == first  # nothing changed: nothing written
    client_as("co_trainer").post_form(
        f"/agendas/session/{training.id}/items/{item.id}",
        {"title": "Name games", "minutes": "20", "kind": "game", "version": "1"},
    )
    assert "Changed since you last looked" in member.get(f"/sessions/{training.id}").get_data(
        as_text=True
    )
    assert seen_times()[0] > first[0]  # seen again, after the change
