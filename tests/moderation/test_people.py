"""Edit for clarity keeps the author's words; stopping a member posting, with the reason shown."""

from __future__ import annotations

import sqlalchemy as sa

from portal.concerns.models import Concern, Reply
from portal.extensions import db
from portal.moderation.models import LogEntry
from portal.notices.models import Notice
from tests import factories
from tests.factories import create_reply, fetch


def test_staff_make_a_concern_easier_to_read_and_the_author_sees_both(
    client, client_as, concern, other_member
):
    staff = client_as("staff")
    form = staff.get(f"/moderation/concerns/{concern.id}/clarify").get_data(as_text=True)
    assert "What the author wrote" in form
    response = staff.post_form(
        f"/moderation/concerns/{concern.id}/clarify",
        {"title": "The bus is late", "details": "I wait a long time."},
    )
    assert response.status_code == 302
    changed = fetch(Concern, concern.id)
    assert (changed.title, changed.original_title) == ("The bus is late", "The bus is often late")
    # A second edit keeps the first words the author wrote.
    staff.post_form(f"/moderation/concerns/{concern.id}/clarify", {"title": "Late buses"})
    assert fetch(Concern, concern.id).original_title == "The bus is often late"
    member_page = client_as("member").get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Staff helped make this easier to read." in member_page
    assert "See the words first written" not in member_page
    client.sign_in_as(other_member)
    author_page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "See the words first written" in author_page and "The bus is often late" in author_page
    with factories.APP.app_context():
        entries = db.session.scalars(sa.select(LogEntry).order_by(LogEntry.id)).all()
        assert [e.action for e in entries] == ["clarified", "clarified"]
        assert "The bus is often late" in entries[0].before_text
        assert db.session.scalar(
            sa.select(sa.func.count()).where(Notice.kind == "moderation_clarified")
        )


def test_clarify_a_reply_and_refuse_an_empty_one(client_as, concern, other_member):
    reply = create_reply(concern.id, other_member.id, "bus late AGAIN!!! rubbish")
    staff = client_as("staff")
    empty = staff.post_form(f"/moderation/replies/{reply.id}/clarify", {"words": " "})
    assert empty.status_code == 422 and "Type the reply." in empty.get_data(as_text=True)
    staff.post_form(f"/moderation/replies/{reply.id}/clarify", {"words": "The bus was late again."})
    changed = fetch(Reply, reply.id)
    assert changed.words == "The bus was late again."
    assert changed.original_words == "bus late AGAIN!!! rubbish"


def test_stop_and_allow_posting(client_as, users_by_role, concern):
    member = users_by_role["member"]
    staff = client_as("staff")
    missing = staff.post_form(f"/moderation/people/{member.id}/posting", {"reason": ""})
    assert missing.status_code == 422
    staff.post_form(
        f"/moderation/people/{member.id}/posting", {"reason": "You wrote unkind things."}
    )
    client = client_as("member")
    # They can still read and sign in, but not reply or raise a concern.
    assert client.get(f"/concerns/{concern.id}").status_code == 200
    reply = client.post_form(
        f"/concerns/{concern.id}/replies", {"words": "Me too"}, follow_redirects=True
    )
    assert "Staff stopped you posting for now. Why: You wrote unkind things." in reply.get_data(
        as_text=True
    )
    raising = client.get(f"/concerns/boards/{concern.board_id}/raise", follow_redirects=True)
    assert "Staff stopped you posting for now." in raising.get_data(as_text=True)
    assert "You wrote unkind things." in client.get("/concerns/mine").get_data(as_text=True)
    with factories.APP.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reply)) == 0
    staff.post_form(f"/moderation/people/{member.id}/posting", {"allow": "1"})
    client.post_form(f"/concerns/{concern.id}/replies", {"words": "Me too"})
    with factories.APP.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reply)) == 1
        actions = db.session.scalars(sa.select(LogEntry.action).order_by(LogEntry.id)).all()
    assert actions == ["suspended", "unsuspended"]


def test_staff_posting_is_not_moderated_here(client_as, users_by_role):
    response = client_as("staff").get(f"/moderation/people/{users_by_role['staff'].id}/posting")
    assert response.status_code == 404


def test_staff_reach_posting_from_the_persons_page_and_see_why_it_stopped(client_as, users_by_role):
    member = users_by_role["member"]
    staff = client_as("staff")
    page = staff.get(f"/people/{member.id}").get_data(as_text=True)
    assert "Posting on the concern boards" in page
    assert "can post." in page
    assert f'href="/moderation/people/{member.id}/posting"' in page
    # And back again from there.
    posting = staff.get(f"/moderation/people/{member.id}/posting").get_data(as_text=True)
    assert f'href="/people/{member.id}"' in posting

    staff.post_form(f"/moderation/people/{member.id}/posting", {"reason": "Unkind replies."})
    page = staff.get(f"/people/{member.id}").get_data(as_text=True)
    assert "cannot post now." in page
    assert "Unkind replies." in page
    # Staff posting is not moderated, so their page does not offer it.
    staff_page = staff.get(f"/people/{users_by_role['staff'].id}").get_data(as_text=True)
    assert "Posting on the concern boards" not in staff_page


def test_a_member_stopped_posting_is_not_offered_raising_on_the_home_page(client_as, users_by_role):
    member = client_as("member")
    assert "See and raise concerns" in member.get("/").get_data(as_text=True)
    client_as("staff").post_form(
        f"/moderation/people/{users_by_role['member'].id}/posting", {"reason": "Unkind replies."}
    )
    home = member.get("/").get_data(as_text=True)
    assert "See and raise concerns" not in home
    assert "See concerns" in home


def test_a_co_trainer_stopped_posting_is_said_to_lose_updates_too(client_as, users_by_role):
    staff = client_as("staff")
    for role, says in (("co_trainer", True), ("member", False)):
        person = users_by_role[role]
        staff.post_form(f"/moderation/people/{person.id}/posting", {"reason": "Unkind replies."})
        page = staff.get(f"/moderation/people/{person.id}/posting").get_data(as_text=True)
        assert ("They cannot write updates on concerns either." in page) is says
