"""One commit per request: the answer decides whether what the view wrote is saved.

A test view stands in for a real one (as in test_errors.py): it makes a group and flushes,
then answers. Afterwards the test reads the database from a fresh session.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import abort, g, redirect

from portal.extensions import db
from portal.groups.models import Group
from portal.groups.services import create_group
from portal.transactions import keep_writes_on_refusal
from tests.factories import PASSWORD, create_user

NAME = "Made in the test view"


def _group_saved(app, name: str = NAME) -> bool:
    with app.app_context():
        return db.session.scalar(sa.select(Group.id).where(Group.name == name)) is not None


@pytest.fixture
def answer_with(app, monkeypatch):
    """answer_with(status, keep=False): GET /credits makes a group, flushes, then answers."""

    def make(status: int, keep: bool = False):
        def view():
            create_group(NAME)
            if keep:
                keep_writes_on_refusal()
            if status in (301, 302, 303):
                return redirect("/help", status)
            return "", status

        monkeypatch.setitem(app.view_functions, "pages.credits", view)

    return make


@pytest.mark.parametrize("status", [200, 201, 204, 302, 303, 304])
def test_an_answer_below_400_saves_what_the_view_wrote(app, client, answer_with, status):
    answer_with(status)
    assert client.get("/credits").status_code == status
    assert _group_saved(app)


@pytest.mark.parametrize("status", [400, 403, 404, 409, 422, 429])
def test_a_refusal_saves_nothing(app, client, answer_with, status):
    answer_with(status)
    assert client.get("/credits").status_code == status
    assert not _group_saved(app)


@pytest.mark.parametrize("status", [403, 409, 422, 429])
def test_a_view_can_keep_its_writes_on_a_refusal(app, client, answer_with, status):
    answer_with(status, keep=True)
    assert client.get("/credits").status_code == status
    assert _group_saved(app)


@pytest.mark.parametrize("status", [500, 503])
def test_a_5xx_answer_saves_nothing_even_when_the_view_asked_to_keep(
    app, client, answer_with, status
):
    answer_with(status, keep=True)
    assert client.get("/credits").status_code == status
    assert not _group_saved(app)


def test_keeping_writes_lasts_for_one_request_only(app, client, answer_with):
    # A test that holds an app context shares `g` between requests: the flag must not leak.
    with app.app_context():
        answer_with(403, keep=True)
        client.get("/credits")
        answer_with(403)
        with app.app_context():
            db.session.execute(sa.delete(Group).where(Group.name == NAME))
            db.session.commit()
        assert client.get("/credits").status_code == 403
    assert not _group_saved(app)


@pytest.mark.parametrize("writes", ["orm", "core", None])
def test_only_a_request_that_wrote_nothing_keeps_what_it_loaded(app, client, monkeypatch, writes):
    """Its commit skips expiring (the session ends with the request anyway); one that wrote,
    by the ORM or by a statement, expires all, so anything read after it is read again."""
    with app.app_context():
        group_id = create_group("Before").id
        db.session.commit()
    after_commit = []

    def view():
        g.seen = db.session.get(Group, group_id)
        if writes == "orm":
            g.seen.name = "After"
        elif writes == "core":
            db.session.execute(sa.update(Group).where(Group.id == group_id).values(name="After"))
        return "Seen"

    def look(error):
        # Teardown runs after the commit, with the request's session still open.
        after_commit.append("name" in sa.inspect(g.seen).unloaded)

    monkeypatch.setitem(app.view_functions, "pages.credits", view)
    monkeypatch.setitem(
        app.teardown_request_funcs, None, [look, *app.teardown_request_funcs.get(None, [])]
    )
    assert client.get("/credits").status_code == 200
    assert after_commit == [writes is not None]
    with app.app_context():
        assert db.session.get(Group, group_id).name == ("Before" if writes is None else "After")


def test_abort_after_a_write_saves_nothing(app, client, monkeypatch):
    def view():
        create_group(NAME)
        abort(404)

    monkeypatch.setitem(app.view_functions, "pages.credits", view)
    assert client.get("/credits").status_code == 404
    assert not _group_saved(app)


def test_a_view_that_raises_after_a_flush_leaves_nothing(app, client, monkeypatch):
    def view():
        create_group(NAME)
        raise RuntimeError("broke after writing")

    monkeypatch.setitem(app.view_functions, "pages.credits", view)
    with pytest.raises(RuntimeError):
        client.get("/credits")  # tests see the real traceback
    assert not _group_saved(app)

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = client.get("/credits")
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert not _group_saved(app)


def test_a_failed_commit_shows_the_error_page_never_success(app, client, monkeypatch):
    """A unique name that only the commit checks: the person must not be told it worked."""
    from tests.factories import create_group as make_group

    make_group(NAME)

    def view():
        create_group("Saved before the clash")
        db.session.add(Group(name=NAME))  # not flushed: the clash comes at commit
        return "Saved!"

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setitem(app.view_functions, "pages.credits", view)
    response = client.get("/credits")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Saved!" not in page
    assert "Something went wrong" in page
    assert not _group_saved(app, "Saved before the clash")


def test_a_real_view_that_fails_part_way_adds_nobody(app, client_as, monkeypatch):
    """Adding a person flushes the account, then the welcome notice fails: no account stays."""
    from portal.accounts.models import User
    from portal.people import services

    def broken_notify(*args, **kwargs):
        raise RuntimeError("the notice could not be made")

    client = client_as("staff")
    monkeypatch.setattr(services, "notify", broken_notify)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    form = {
        "display_name": "Megan Ball",
        "username": "megan",
        "role": "member",
        "language": "en",
        "password": PASSWORD,
    }
    assert client.post_form("/people/new", form).status_code == 500
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.username == "megan")) is None
    assert create_user(username="megan").username == "megan"  # the name is still free


# --- Real views that answer a refusal but keep what they wrote -------------------------------
def test_a_step_with_a_mistake_keeps_the_words_typed(app, client_as, member):
    from portal.concerns.models import ConcernDraft
    from portal.concerns.services import create_board

    with app.app_context():
        board_id = create_board(name="Buses", picture="bus", group_id=None, check_first=False).id
        db.session.commit()
    client = client_as("member")
    url = f"/concerns/boards/{board_id}/raise?step=1"
    assert client.post_form(url, {"title": "!!! ...", "go": "next"}).status_code == 422
    with app.app_context():
        draft = db.session.scalar(sa.select(ConcernDraft).where(ConcernDraft.user_id == member.id))
        assert draft is not None and draft.title == "!!! ..."


def test_a_refused_session_answer_still_notes_the_agenda_was_seen(app, client_as, member):
    from portal.agendas.models import AgendaSeen
    from tests.factories import book, create_agenda_item, create_session, publish_agenda

    training = create_session(title="Money matters")
    book(training.id, member.id)
    create_agenda_item(training.id)
    agenda = publish_agenda(training.id)
    client_as("staff").post_form(f"/sessions/{training.id}/cancel", {})
    response = client_as("member").post_form(f"/sessions/{training.id}/coming", {"coming": "0"})
    assert response.status_code == 409  # the page shows the agenda: it is seen now
    with app.app_context():
        assert db.session.get(AgendaSeen, (agenda.id, member.id)) is not None
