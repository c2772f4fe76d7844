"""What every signed-in page asks about its person (unread notices, reading settings, whether
they are stopped posting) comes with the SELECT that loads them, and is never stale: a page
that changes one shows the new value, and a supporter helping a member sees the member's."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from portal.accounts.models import Suspension, User
from portal.accounts.posting import posting_refusal
from portal.accounts.reading import ReadingSettings, saved_reading
from portal.accounts.services import load_user_for_token, start_device_session
from portal.extensions import db
from portal.notices.queries import count_unread
from portal.notices.services import mark_read, notify
from tests import factories
from tests.factories import create_board, create_concern, create_user
from tests.people.support_helpers import link, start_helping

# The table of a SELECT's first column: the device session's, for the sign-in's SELECT.
FIRST_TABLE = re.compile(r"\s*SELECT\s+(?:\w+\()?\"?(\w+)\"?\.", re.IGNORECASE)


@contextmanager
def tables_read(app):
    """The table each SELECT reads (its first column's), in order: what a page asked."""
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        found = FIRST_TABLE.match(statement)
        seen.append(found.group(1) if found else statement.split()[0])

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)


def _give(user_id: int, *, unread: int = 0, theme: str | None = None, stopped: str = "") -> None:
    moderator = create_user("staff") if stopped else None
    with factories.APP.app_context():
        if unread:
            notify([user_id], "account_welcome")
            for _ in range(unread - 1):
                notify(user_id, "account_welcome")
        if theme:
            db.session.add(ReadingSettings(user_id=user_id, theme=theme))
        if stopped:
            db.session.add(Suspension(user_id=user_id, reason=stopped, moderator_id=moderator.id))
        db.session.commit()


def test_home_asks_only_the_sign_in_beside_its_own_work(app, client_for, member):
    _give(member.id, unread=2, theme="dark")
    client = client_for(member)
    client.get("/")
    with tables_read(app) as seen:
        page = client.get("/").get_data(as_text=True)
    # The glossary check is the tests' own: they recheck the glossary on every page.
    assert seen == ["device_session", "glossary_word"]
    assert "2 new" in page and "theme-dark" in page
    assert "See and raise concerns" in page


def test_a_member_stopped_posting_sees_why_on_a_board_with_no_more_queries(app, client_for, member):
    board = create_board("Getting about", picture="bus")
    author = create_user("member")
    create_concern(board.id, author.id, "The bus is often late")
    _give(member.id, unread=1, theme="low-glare", stopped="Unkind replies.")
    client = client_for(member)
    client.get("/")
    with tables_read(app) as seen:
        page = client.get(f"/concerns/boards/{board.id}").get_data(as_text=True)
    # Before: three more (the suspension, the reading settings and the unread count), and
    # which concerns they support, now read with the concerns (concern_support inside it).
    assert seen == ["device_session", "concern_board", "concern", "glossary_word"]
    assert "Staff stopped you posting for now. Why: Unkind replies." in page
    assert "You cannot support a concern for now." in page
    assert "1 new" in page and "theme-low-glare" in page


def test_the_whats_new_page_counts_nothing_it_has_just_marked_read(app, client_for, member):
    _give(member.id, unread=2)
    client = client_for(member)
    assert "2 new" in client.get("/help").get_data(as_text=True)
    page = client.get("/whats-new").get_data(as_text=True)
    assert "is-new" in page  # shown as new this once
    header_link = re.search(r'id="notice-count".*?</a>', page, re.DOTALL).group(0)
    assert "What" in header_link and 'class="badge"' not in header_link
    assert "2 new" not in page


def test_a_supporter_helping_a_member_sees_the_members_values(app, client_for, member):
    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    _give(kim.id, unread=3, theme="dark")
    _give(member.id, unread=1, theme="low-glare", stopped="Unkind replies.")
    board = create_board("Getting about", picture="bus")
    kim_client = client_for(kim)
    assert "3 new" in kim_client.get("/").get_data(as_text=True)
    start_helping(kim_client, link(member, kim))
    page = kim_client.get(f"/concerns/boards/{board.id}").get_data(as_text=True)
    assert "You are helping <bdi>Sam Jones</bdi>." in page
    assert "1 new" in page and "3 new" not in page
    assert "theme-low-glare" in page and "theme-dark" not in page
    assert "Staff stopped you posting for now. Why: Unkind replies." in page


@pytest.fixture
def token(app, member) -> str:
    with app.app_context():
        person = db.session.get(User, member.id)
        token = start_device_session(person, remembered=False, user_agent=None)
        db.session.commit()
    return token


def test_a_write_in_the_request_makes_each_value_asked_again(app, member, token):
    _give(member.id, unread=1)
    with app.test_request_context("/"), tables_read(app) as seen:
        person = load_user_for_token(token)
        assert seen == ["device_session"]
        assert (count_unread(person.id), posting_refusal(person)) == (1, None)
        assert saved_reading(person.id) is None
        assert seen == ["device_session"]  # all three came with the sign-in

        notify(person.id, "account_welcome")
        assert count_unread(person.id) == 2
        mark_read(person.id)
        assert count_unread(person.id) == 0
        db.session.add(Suspension(user_id=person.id, reason="Unkind.", moderator_id=person.id))
        db.session.add(ReadingSettings(user_id=person.id, theme="dark"))
        db.session.flush()
        assert posting_refusal(person) == "Unkind."
        assert saved_reading(person.id).theme == "dark"


def test_a_value_holds_only_for_its_person_and_transaction(app, member, token):
    other = create_user("member")
    _give(member.id, unread=1)
    _give(other.id, unread=2)
    with app.test_request_context("/"):
        person_id = load_user_for_token(token).id
        with tables_read(app) as seen:
            assert count_unread(other.id) == 2
        assert len(seen) == 1
        db.session.commit()  # a new transaction may see what others wrote since
        with tables_read(app) as seen:
            assert count_unread(person_id) == 1
        assert len(seen) == 1
