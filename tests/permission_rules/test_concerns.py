"""Per-object rules for boards, concerns and replies: who sees which, and who changes which.

Waiting or hidden concerns and replies are for their author and staff; a group's board is for
that group and staff; an archived board is for staff; a reply is changed only by its author, for
15 minutes. Each case checks the page and the database, not only the status code.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.concerns.models import Reply, Support
from portal.extensions import db
from portal.timeutil import utcnow
from tests import factories
from tests.factories import create_board, create_concern, create_group, create_reply, fetch

# Who sees what "other member" wrote and staff took off the board, or have not checked yet.
SEES_HIDDEN = {"other member": True, "member": False, "runner": False, "staff": True}


@pytest.mark.parametrize("review", ["waiting", "hidden"])
@pytest.mark.parametrize("who", SEES_HIDDEN)
def test_a_waiting_or_hidden_concern_is_for_its_author_and_staff(
    client_for, people, other_member, who, review
):
    board = create_board("Getting about")
    concern = create_concern(board.id, other_member.id, "Secret bus trouble", review=review)
    client = client_for(people[who])
    sees = SEES_HIDDEN[who]

    board_page = client.get(f"/concerns/boards/{board.id}").get_data(as_text=True)
    assert ("Secret bus trouble" in board_page) is sees
    page = client.get(f"/concerns/{concern.id}")
    assert page.status_code == (200 if sees else 404)
    assert ("Secret bus trouble" in page.get_data(as_text=True)) is sees
    supporters = _supporters(concern.id)
    replied = client.post_form(f"/concerns/{concern.id}/replies", {"words": "Me too."})
    supported = client.post_form(f"/concerns/{concern.id}/support", {"supported": "1"})
    if sees:
        assert people[who].id in _supporters(concern.id)
    else:
        assert (replied.status_code, supported.status_code) == (404, 404)
        assert _supporters(concern.id) == supporters
        with factories.APP.app_context():
            assert db.session.scalar(sa.select(sa.func.count(Reply.id))) == 0


def _supporters(concern_id: int) -> set[int]:
    with factories.APP.app_context():
        return set(
            db.session.scalars(sa.select(Support.user_id).where(Support.concern_id == concern_id))
        )


@pytest.mark.parametrize("who", SEES_HIDDEN)
def test_a_hidden_reply_is_for_its_author_and_staff(client_for, people, other_member, who):
    board = create_board("Getting about")
    concern = create_concern(board.id, people["member"].id, "The bus is often late")
    reply = create_reply(concern.id, other_member.id, "Words staff hid")
    with factories.APP.app_context():
        db.session.get(Reply, reply.id).hidden_at = utcnow()
        db.session.commit()
    client = client_for(people[who])
    sees = SEES_HIDDEN[who]

    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "The bus is often late" in page
    assert ("Words staff hid" in page) is sees
    told = client.get(f"/moderation/report/replies/{reply.id}")
    if who == "other member":
        assert told.status_code == 302  # "This is yours": nobody reports their own words
    else:
        assert told.status_code == (200 if sees else 404)


@pytest.mark.parametrize("who", SEES_HIDDEN)
def test_the_words_before_staff_rewrote_them_are_for_the_author_and_staff(
    app, client_for, people, other_member, who
):
    from portal.accounts.models import User
    from portal.concerns.models import Concern
    from portal.moderation.people import clarify

    board = create_board("Getting about")
    concern = create_concern(board.id, other_member.id, "bus iz late evry day!!")
    with app.test_request_context():
        clarify(
            db.session.get(Concern, concern.id),
            db.session.get(User, people["staff"].id),
            title="The bus is late every day",
        )
        db.session.commit()
    page = client_for(people[who]).get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "The bus is late every day" in page
    assert "Staff helped make this easier to read." in page
    assert ("bus iz late evry day!!" in page) is SEES_HIDDEN[who]


# A board for one group: "other member" is in the group.
SEES_GROUP_BOARD = {"other member": True, "member": False, "runner": False, "staff": True}


@pytest.mark.parametrize("who", SEES_GROUP_BOARD)
def test_a_group_board_is_for_its_group_and_staff(client_for, people, other_member, who):
    group = create_group("Newport members", [other_member])
    board = create_board("Newport buses", group_id=group.id)
    concern = create_concern(board.id, other_member.id, "The 151 is late")
    client = client_for(people[who])
    sees = SEES_GROUP_BOARD[who]

    assert ("Newport buses" in client.get("/concerns").get_data(as_text=True)) is sees
    board_page = client.get(f"/concerns/boards/{board.id}")
    assert board_page.status_code == (200 if sees else 404)
    concern_page = client.get(f"/concerns/{concern.id}")
    assert concern_page.status_code == (200 if sees else 404)
    assert ("The 151 is late" in concern_page.get_data(as_text=True)) is sees


@pytest.mark.parametrize("who", SEES_GROUP_BOARD)
def test_an_archived_board_is_for_staff_only(client_for, people, other_member, who):
    board = create_board("Old board", archived=True)
    concern = create_concern(board.id, other_member.id, "From long ago")
    client = client_for(people[who])
    sees = who == "staff"  # staff manage boards, archived ones too
    assert client.get(f"/concerns/boards/{board.id}").status_code == (200 if sees else 404)
    concern_page = client.get(f"/concerns/{concern.id}")
    assert concern_page.status_code == (200 if sees else 404)
    assert ("From long ago" in concern_page.get_data(as_text=True)) is sees


# Who may change the reply "other member" wrote: only its author, and only for 15 minutes.
CHANGES_REPLY = {"other member": True, "member": False, "runner": False, "staff": False}


@pytest.mark.parametrize("who", CHANGES_REPLY)
def test_only_the_author_changes_or_deletes_a_reply(client_for, people, other_member, who):
    board = create_board("Getting about")
    concern = create_concern(board.id, people["member"].id, "The bus is often late")
    reply = create_reply(concern.id, other_member.id, "Me too.")
    client = client_for(people[who])
    allowed = CHANGES_REPLY[who]

    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert ("Change my reply" in page) is allowed
    changed = client.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Me too, daily."})
    assert changed.status_code == (302 if allowed else 404)
    assert fetch(Reply, reply.id).words == ("Me too, daily." if allowed else "Me too.")
    deleted = client.post_form(f"/concerns/replies/{reply.id}/delete", {})
    assert deleted.status_code == (302 if allowed else 404)
    assert (fetch(Reply, reply.id) is None) is allowed


@pytest.mark.parametrize(("minutes_ago", "allowed"), [(14, True), (16, False)])
def test_the_author_changes_a_reply_for_15_minutes(
    client_for, people, other_member, minutes_ago, allowed
):
    board = create_board("Getting about")
    concern = create_concern(board.id, people["member"].id, "The bus is often late")
    reply = create_reply(concern.id, other_member.id, "Me too.")
    with factories.APP.app_context():
        db.session.get(Reply, reply.id).created_at = utcnow() - timedelta(minutes=minutes_ago)
        db.session.commit()
    client = client_for(other_member)

    changed = client.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Me too, daily."})
    assert changed.status_code == (302 if allowed else 403)
    assert fetch(Reply, reply.id).words == ("Me too, daily." if allowed else "Me too.")
    if not allowed:
        page = changed.get_data(as_text=True)
        assert "You can change a reply for 15 minutes after you write it." in page
        assert "Me too, daily." in page  # what they typed comes back to them
