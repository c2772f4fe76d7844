"""A page the phone saves for later (`X-Offline-Save: 1`, portal/looking.py) notes nothing as
seen: news stays new, a changed time and a changed agenda stay marked, until the person looks.

The offline worker saves What's new and the sessions a member is going to in the background,
after every page they open. Before this, that marked all their news read at once: the
"3 new" on the bottom bar was gone before they had seen it.
"""

from __future__ import annotations

from datetime import date, timedelta

from portal.agendas.models import AgendaSeen
from portal.extensions import db
from portal.notices.models import Notice
from portal.notices.services import notify
from portal.sessions.models import SessionSeen
from tests.factories import (
    book,
    count_rows,
    create_agenda_item,
    create_session,
    publish_agenda,
)
from tests.sessions.test_staff_pages import _form

SAVING = {"X-Offline-Save": "1"}


def test_saving_whats_new_leaves_the_news_new(app, client_as, member):
    with app.app_context():
        notify(member.id, "account_welcome", link="/help")
        db.session.commit()
    phone = client_as("member")
    saved = phone.get("/whats-new", headers=SAVING)
    assert saved.status_code == 200
    assert "Welcome to the portal." in saved.get_data(as_text=True)
    assert "HX-Trigger" not in saved.headers
    assert count_rows(Notice, user_id=member.id, read_at=None) == 1
    assert "1 new" in phone.get("/sessions").get_data(as_text=True)  # the bottom bar says so
    # Any other value is a person looking, as is no header at all.
    looked = phone.get("/whats-new", headers={"X-Offline-Save": "yes"})
    assert "is-new" in looked.get_data(as_text=True)
    assert count_rows(Notice, user_id=member.id, read_at=None) == 0


def test_saving_a_session_page_leaves_its_new_time_and_agenda_to_be_seen(client_as, member, staff):
    session = create_session(title="Intro")
    create_agenda_item(session.id, title="Cup of tea and hello")
    publish_agenda(session.id)
    book(session.id, member.id)
    day = (date.today() + timedelta(days=20)).isoformat()
    moved = client_as("staff").post_form(
        f"/sessions/{session.id}/edit", _form(title="Intro", day=day)
    )
    assert moved.status_code == 302
    phone = client_as("member")

    saved = phone.get(f"/sessions/{session.id}", headers=SAVING).get_data(as_text=True)
    assert "The time has changed" in saved and "Cup of tea and hello" in saved
    assert count_rows(SessionSeen, user_id=member.id) == 0
    assert count_rows(AgendaSeen, user_id=member.id) == 0
    assert "The time has changed" in phone.get("/sessions").get_data(as_text=True)

    looked = phone.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "The time has changed" in looked
    assert count_rows(SessionSeen, user_id=member.id) == 1
    assert count_rows(AgendaSeen, user_id=member.id) == 1
    assert "The time has changed" not in phone.get("/sessions").get_data(as_text=True)
