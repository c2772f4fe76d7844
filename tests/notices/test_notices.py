"""What's new: notices made by real actions, shown only to their owner, in their language."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from portal.notices.models import Notice
from portal.notices.services import notify
from tests.conftest import htmx_headers
from tests.factories import fetch

NEW_PERSON = {
    "display_name": "Rhys Owen",
    "username": "rhys",
    "role": "member",
    "language": "en",
    "password": "a-brand-new-password",
}


@pytest.fixture
def newcomer(client_as, users_by_role, app):
    """A member added by staff through the People page, so their welcome notice is real."""
    client_as("staff").post_form("/people/new", NEW_PERSON)
    client = client_as(None)
    client.post_form("/sign-in", {"username": "rhys", "password": NEW_PERSON["password"]})
    return client


def test_adding_a_person_tells_them_welcome(newcomer):
    home = newcomer.get("/").get_data(as_text=True)
    assert "1 new" in home
    page = newcomer.get("/whats-new").get_data(as_text=True)
    assert "Welcome to the portal. Staff made an account for you." in page
    assert "is-new" in page
    # Opening the page read it: the count is gone, the notice stays.
    again = newcomer.get("/whats-new").get_data(as_text=True)
    assert "1 new" not in again
    assert "is-new" not in again
    assert "Welcome to the portal." in again


def test_notices_are_written_in_the_readers_language_when_shown(newcomer):
    newcomer.post_form("/language", {"language": "cy", "next": "/whats-new"})
    page = newcomer.get("/whats-new").get_data(as_text=True)
    assert "Croeso i&#39;r porth. Gwnaeth y staff gyfrif i chi." in page or (
        "Croeso i'r porth. Gwnaeth y staff gyfrif i chi." in page
    )


def test_a_notice_is_only_ever_shown_to_its_owner(app, client_as, users_by_role):
    with app.app_context():
        from portal.extensions import db

        assert notify(users_by_role["member"].id, "account_welcome", link="/help") == 1
        db.session.commit()
        notice_id = db.session.scalar(sa.select(Notice.id))
    for role in ("co_trainer", "staff"):
        client = client_as(role)
        assert "Welcome to the portal." not in client.get("/whats-new").get_data(as_text=True)
        assert client.get(f"/whats-new/{notice_id}").status_code == 404
    assert fetch(Notice, notice_id).read_at is None
    owner = client_as("member")
    response = owner.get(f"/whats-new/{notice_id}")
    assert response.status_code == 302
    assert response.location == "/help"
    assert fetch(Notice, notice_id).read_at is not None


def test_mark_all_read_as_a_form_and_with_htmx(app, client_as, users_by_role):
    with app.app_context():
        from portal.extensions import db

        notify([users_by_role["member"].id] * 2, "account_welcome")  # the same person once
        notify(users_by_role["member"].id, "account_welcome")
        db.session.commit()
    client = client_as("member")
    assert "2 new" in client.get("/help").get_data(as_text=True)
    fragment = client.post_form("/whats-new/read", headers=htmx_headers())
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and 'id="notice-count"' in body
    assert 'class="badge"' not in body
    assert fragment.headers["HX-Trigger"] == "notices-changed"
    full = client.post_form("/whats-new/read")
    assert full.status_code == 302


def test_count_link_full_and_fragment(client_as, users_by_role):
    client = client_as("member")
    fragment = client.get("/whats-new/count", headers=htmx_headers())
    assert (
        fragment.get_data(as_text=True)
        .lstrip()
        .startswith('<a class="menu-link" id="notice-count"')
    )
    assert "What&#39;s new" in fragment.get_data(as_text=True) or "What's new" in fragment.get_data(
        as_text=True
    )


def test_empty_page_says_nothing_yet(client_as, users_by_role):
    page = client_as("co_trainer").get("/whats-new").get_data(as_text=True)
    assert "Nothing new yet." in page


def test_many_people_are_told_in_one_insert_each_once(app):
    """A merge tells thousands of supporters: one INSERT, not one object each."""
    from portal.accounts.models import User
    from portal.extensions import db
    from portal.timeutil import utcnow

    with app.app_context():
        now = utcnow()
        db.session.execute(
            sa.insert(User),
            [
                {"username": f"p{n}", "display_name": f"P {n}", "role": "member", "created_at": now}
                for n in range(300)
            ],
        )
        people = list(db.session.scalars(sa.select(User.id).order_by(User.id)))
        statements = []

        def record(_conn, _cursor, statement, *_rest):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            told = notify(people + people[:5], "concern_updated", link="/concerns/1", title="Bus")
            nobody = notify([], "concern_updated", link="/concerns/1", title="Bus")
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
        db.session.commit()
        assert (told, nobody) == (300, 0)
        assert [s.split("(")[0].strip() for s in statements] == ["INSERT INTO notice"]
        notices = db.session.scalars(sa.select(Notice).order_by(Notice.user_id)).all()
    assert [n.user_id for n in notices] == people  # each person once
    assert {n.kind for n in notices} == {"concern_updated"}
    assert {n.link for n in notices} == {"/concerns/1"}
    assert all(n.params == {"title": "Bus"} for n in notices)
    assert len({n.created_at for n in notices}) == 1 and notices[0].created_at >= now
    # Unread and waiting for email, exactly as a notice made one at a time.
    assert all(n.read_at is None and n.dedupe_key is None for n in notices)
    assert all(n.emailed_at is None and n.email_claimed_at is None for n in notices)
    assert {n.email_attempts for n in notices} == {0}


def test_unknown_kinds_are_refused(app):
    with app.app_context(), pytest.raises(KeyError):
        notify(1, "no_such_kind")


def test_times_in_words(app):
    from portal.timefmt import clock_time, day_in_words, time_range, when

    now = datetime(2026, 11, 28, 15, 0)  # UTC, which is also London time in November
    with app.test_request_context():
        assert clock_time(datetime(2026, 11, 6, 10, 0)) == "10am"
        assert clock_time(datetime(2026, 11, 6, 10, 30)) == "10:30am"
        assert clock_time(datetime(2026, 11, 6, 15, 0)) == "3pm"
        assert clock_time(datetime(2026, 11, 6, 12, 0)) == "12 noon"
        assert time_range(datetime(2026, 11, 6, 10), datetime(2026, 11, 6, 15)) == "10am to 3pm"
        assert day_in_words(datetime(2026, 11, 4, 10)) == "Wednesday 4 November"
        assert when(datetime(2026, 11, 28, 9), now) == "Today at 9am"
        assert when(datetime(2026, 11, 27, 15), now) == "Yesterday at 3pm"
        assert when(datetime(2026, 11, 4, 15), now) == "Wednesday 4 November at 3pm"
        # British Summer Time: 9am UTC in July is 10am in London.
        assert clock_time(datetime(2026, 7, 1, 9, 0)) == "10am"


def test_times_in_welsh(app):
    from portal.timefmt import clock_time, day_in_words

    with app.test_request_context(headers={"Accept-Language": "cy"}):
        assert clock_time(datetime(2026, 11, 6, 15, 0)) == "3yp"
        assert "Tachwedd" in day_in_words(datetime(2026, 11, 4, 10))


def test_unread_count_is_one_indexed_query(app, users_by_role):
    from portal.extensions import db
    from portal.notices.queries import count_unread

    member_id = users_by_role["member"].id
    with app.app_context():
        notify([member_id], "account_welcome")
        db.session.commit()
        statements = []

        def record(*event_args):
            statements.append(event_args[2])

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert count_unread(member_id) == 1
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
        assert len(statements) == 1
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as connection:
                plan = connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statements[0], (member_id,)
                ).all()
            assert "ix_notice_user_id_read_at" in str(plan)
