"""The concern page: status updates from staff and co-trainers, replies, and My concerns."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import get_template_attribute

from portal.concerns.about import ConcernAbout
from portal.concerns.models import Concern, Reply, Status
from portal.extensions import db
from portal.notices.models import Notice
from portal.timeutil import utcnow
from tests.factories import create_concern, fetch


def _notices(app, user_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Notice.kind).where(Notice.user_id == user_id)))


def _replies(app, concern_id: int) -> list[Reply]:
    with app.app_context():
        found = list(db.session.scalars(sa.select(Reply).where(Reply.concern_id == concern_id)))
        for reply in found:
            db.session.expunge(reply)
        return found


def test_concern_page_shows_everything(client_as, concern):
    page = client_as("member").get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "<h1" in page and "The bus is often late" in page
    assert "High Street" in page and "Priya Shah raised this" in page
    assert "Now:" in page and "New" in page
    assert "1 person supports this" in page and 'aria-pressed="false"' in page
    assert "Give an update" not in page  # members do not change the status


@pytest.mark.parametrize("role", ["co_trainer", "staff"])
def test_staff_and_co_trainers_change_the_status(
    app, client_as, concern, member, other_member, role
):
    client_as("member").post_form(f"/concerns/{concern.id}/support", {"supported": "1"})
    client = client_as(role)
    assert "Give an update" in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    response = client.post_form(
        f"/concerns/{concern.id}/updates",
        {"status": "agenda", "words": "We will talk about it on Monday."},
    )
    assert response.status_code == 302
    assert fetch(Concern, concern.id).status == Status.AGENDA
    client.post_form(
        f"/concerns/{concern.id}/updates", {"status": "agenda", "words": "Monday went well."}
    )
    page = client_as("member").get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert page.index("Monday went well.") < page.index("We will talk about it on Monday.")
    assert "On an agenda" in page
    # The author and every supporter hear about it, once per update.
    assert _notices(app, other_member.id) == ["concern_status_changed", "concern_updated"]
    assert _notices(app, member.id) == ["concern_status_changed", "concern_updated"]


def test_closing_needs_a_reason(app, client_as, concern):
    client = client_as("staff")
    response = client.post_form(
        f"/concerns/{concern.id}/updates", {"status": "closed", "words": "We are closing this."}
    )
    assert response.status_code == 422
    assert "Say why it is closed." in response.get_data(as_text=True)
    assert "We are closing this." in response.get_data(as_text=True)
    client.post_form(
        f"/concerns/{concern.id}/updates",
        {
            "status": "closed",
            "words": "We are closing this.",
            "closed_reason": "The council fixed it.",
        },
    )
    page = client_as("member").get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Why it is closed: The council fixed it." in page


def test_members_cannot_change_the_status(client_as, concern):
    response = client_as("member").post_form(
        f"/concerns/{concern.id}/updates", {"status": "done", "words": "Done!"}
    )
    assert response.status_code == 403
    assert fetch(Concern, concern.id).status == Status.NEW


def test_reply_add_change_delete(app, client_as, concern, other_member):
    client = client_as("member")
    response = client.post_form(
        f"/concerns/{concern.id}/replies", {"words": "Me too: this happened to me."}
    )
    assert response.status_code == 302
    [reply] = _replies(app, concern.id)
    assert _notices(app, other_member.id) == ["concern_replied"]
    author = client_as(None)
    author.sign_in_as(other_member)
    news = author.get("/whats-new").get_data(as_text=True)
    assert "Sam Jones replied to your concern: The bus is often late" in news
    page = client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    assert "Me too: this happened to me." in page and "Change my reply" in page
    client.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Me too, every week."})
    assert fetch(Reply, reply.id).words == "Me too, every week."
    assert fetch(Reply, reply.id).edited_at is not None
    confirm = client.get(f"/concerns/replies/{reply.id}/delete").get_data(as_text=True)
    assert "Do you want to delete it?" in confirm
    client.post_form(f"/concerns/replies/{reply.id}/delete", {})
    assert _replies(app, concern.id) == []


def test_replies_can_be_changed_for_15_minutes_only(app, client_as, concern):
    client = client_as("member")
    client.post_form(f"/concerns/{concern.id}/replies", {"words": "Me too."})
    [reply] = _replies(app, concern.id)
    with app.app_context():
        db.session.get(Reply, reply.id).created_at = utcnow() - timedelta(minutes=16)
        db.session.commit()
    assert "Change my reply" not in client.get(f"/concerns/{concern.id}").get_data(as_text=True)
    response = client.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Changed"})
    # Too late: the reply stays as it was, and what they typed comes back with why.
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "You can change a reply for 15 minutes after you write it." in page
    assert ">Changed</textarea>" in page and "Save my reply" not in page
    assert fetch(Reply, reply.id).words == "Me too."
    # Deleting is allowed at any time.
    client.post_form(f"/concerns/replies/{reply.id}/delete", {})
    assert fetch(Reply, reply.id) is None


def test_nobody_changes_someone_elses_reply(app, client_as, concern):
    client_as("co_trainer").post_form(f"/concerns/{concern.id}/replies", {"words": "Me too."})
    [reply] = _replies(app, concern.id)
    member = client_as("member")
    assert (
        member.post_form(f"/concerns/replies/{reply.id}/change", {"words": "Ha"}).status_code == 404
    )
    assert member.post_form(f"/concerns/replies/{reply.id}/delete", {}).status_code == 404
    assert fetch(Reply, reply.id).words == "Me too."


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("", "Type your reply."),
        ("   ", "Type your reply."),
        ("a" * 501, "Use 500 letters or fewer."),
        ("🙂🙂", "not only pictures"),
    ],
)
def test_bad_replies_keep_the_text(app, client_as, concern, words, message):
    response = client_as("member").post_form(f"/concerns/{concern.id}/replies", {"words": words})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    if words.strip():
        assert words in page
    assert _replies(app, concern.id) == []


def test_replies_are_rate_limited(app, client_as, concern):
    app.config["REPLY_RATE_LIMIT"] = "2 per minute"
    try:
        client = client_as("member")
        codes = [
            client.post_form(
                f"/concerns/{concern.id}/replies", {"words": f"Me too {n}"}
            ).status_code
            for n in range(3)
        ]
        assert codes == [302, 302, 429]
        assert len(_replies(app, concern.id)) == 2
    finally:
        app.config["REPLY_RATE_LIMIT"] = "10 per 10 minutes; 60 per day"


def test_my_concerns(app, client_as, board, member, concern):
    create_concern(board.id, member.id, "Pavements are broken")
    client = client_as("member")
    client.post_form(f"/concerns/{concern.id}/support", {"supported": "1"})
    page = client.get("/concerns/mine").get_data(as_text=True)
    raised, supported = page.split("Concerns I support")
    assert "Pavements are broken" in raised and "The bus is often late" not in raised
    assert "The bus is often late" in supported and "Pavements are broken" not in supported


def test_hidden_concern_shows_only_to_its_author(app, client_as, board, member):
    hidden = create_concern(board.id, member.id, "My own problem", review="hidden")
    own = client_as("member").get(f"/concerns/{hidden.id}").get_data(as_text=True)
    assert "Staff took it off the board." in own
    other = client_as("co_trainer")
    assert other.get(f"/concerns/{hidden.id}").status_code == 404
    assert "My own problem" not in other.get(f"/concerns/boards/{board.id}").get_data(as_text=True)
    assert "My own problem" not in other.get("/concerns/mine").get_data(as_text=True)


def test_the_kept_reply_form_is_empty_and_each_readers_own(
    client_as, client_for, concern, other_member
):
    """The empty reply form is kept (portal/fragments.py); words sent back with a problem
    are drawn for their writer only, and never kept for the next reader."""
    member = client_as("member")
    url = f"/concerns/{concern.id}"
    assert member.get(url).status_code == 200  # the empty form is kept from this page
    sent_back = member.post_form(f"{url}/replies", {"words": "a" * 501})
    assert sent_back.status_code == 422 and "a" * 501 in sent_back.get_data(as_text=True)
    others = client_for(other_member).get(url).get_data(as_text=True)
    assert "a" * 501 not in others and "Use 500 letters or fewer." not in others
    tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', others))
    assert len(tokens) == 1
    sent = client_for(other_member).post_form(f"{url}/replies", {"words": "Me too."})
    assert sent.status_code in (200, 302)
    assert "Me too." in member.get(url).get_data(as_text=True)


ABOUT = ConcernAbout(
    details="The bus comes late.",
    place=None,
    author_name="Priya Shah",
    helper_name=None,
    day="Monday 7 December",
    board_id=1,
    board_name="Getting about",
    status=Status.NEW,
    closed_reason=None,
)
OTHER_ABOUT = {
    "details": "The bus does not come.",
    "place": "High Street",
    "author_name": "Sam Jones",
    "helper_name": "Kim Lee",
    "day": "Tuesday 8 December",
    "board_id": 2,
    "board_name": "Our homes",
    "status": Status.TALKING,
    "closed_reason": "It is fixed now.",
}


@pytest.mark.parametrize("field", ConcernAbout._fields)
def test_every_value_of_about_this_concern_is_drawn(app, field):
    """The part is kept by these values (portal/concerns/about.py): each one must show."""
    assert set(OTHER_ABOUT) == set(ConcernAbout._fields)
    changed = ABOUT._replace(**{field: OTHER_ABOUT[field]})
    with app.test_request_context("/"):
        draw = get_template_attribute("concerns/_concern_about.html", "concern_about")
        assert str(draw(changed)) != str(draw(ABOUT))


def test_the_kept_parts_of_a_concern_show_a_change_at_once(
    app, client_as, client_for, concern, other_member
):
    member = client_as("member")
    url = f"/concerns/{concern.id}"
    assert "1 person supports this" in member.get(url).get_data(as_text=True)
    client_for(other_member).post_form(f"{url}/support", {"supported": "0"})
    assert "0 people support this" in member.get(url).get_data(as_text=True)
    member.post_form(f"{url}/support", {"supported": "1"})
    member.get(url)  # the message after the tap is shown once
    own = member.get(url).get_data(as_text=True)
    assert 'aria-pressed="true"' in own and "1 person supports this" in own
    assert '<p class="support-note">You support this.</p>' in own
    others = client_for(other_member).get(url).get_data(as_text=True)
    assert 'aria-pressed="false"' in others and "1 person supports this" in others
    assert "You support this." not in others
    with app.app_context():
        db.session.execute(
            sa.update(Concern)
            .where(Concern.id == concern.id)
            .values(
                details="The bus does not come at all.",
                status=Status.CLOSED,
                closed_reason="The council fixed it.",
            )
        )
        db.session.commit()
    page = member.get(url).get_data(as_text=True)
    assert "The bus does not come at all." in page and "The council fixed it." in page
