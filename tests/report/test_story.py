"""What we did together: staff choose, then share; members read the numbers in words."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.concerns.models import Concern, Review
from portal.extensions import db
from tests.factories import create_board, create_concern, create_session

NOT_YET = "Staff have not shared this page yet."


def _choose(staff_client, world, **extra):
    data = {
        "from_day": "2026-01-01",
        "to_day": "2026-03-31",
        "show_numbers": "y",
        "concerns": [world["bus"], world["dark"]],
        "show_next": "y",
        "next_words": "We meet the council in March.",
        **extra,
    }
    return staff_client.post_form("/report/story", data)


def test_members_wait_until_staff_share_it(client_as, world):
    member = client_as("member")
    assert NOT_YET in member.get("/together").get_data(as_text=True)
    staff = client_as("staff")
    assert _choose(staff, world).status_code == 302
    assert NOT_YET in member.get("/together").get_data(as_text=True)
    preview = staff.get("/together").get_data(as_text=True)
    assert "Only staff can see this page for now." in preview
    assert "We met 2 times." in preview


def test_the_shared_story_says_the_numbers_in_words(client_as, world):
    staff = client_as("staff")
    assert _choose(staff, world, shared="y").status_code == 302
    page = client_as("member").get("/together").get_data(as_text=True)
    # Hand-counted from conftest.py: January and Newport were held; Sam, Ria, Mo and Alex came
    # (Jo is staff); the bus, the dark street and the noisy hall were raised; the bus is done.
    for sentence in ("We met 2 times.", "4 of us came.", "We raised 3 concerns.", "1 is done."):
        assert sentence in page
    assert "The bus is late" in page and "The street is dark" in page
    assert "We asked the council." in page  # the latest update, without its author
    assert "Jo Patel" not in page
    assert "We meet the council in March." in page
    assert "For staff" not in page


def test_a_concern_members_cannot_see_never_shows(app, client_as, world, staff):
    from portal.groups.models import Group

    with app.app_context():
        group_id = db.session.scalar(sa.select(Group.id))
    private_board = create_board("Newport only", group_id=group_id)
    private = create_concern(private_board.id, staff.id, title="Only for Newport", status="done")
    staff_client = client_as("staff")
    refused = _choose(staff_client, world, concerns=[private.id])
    assert refused.status_code == 422
    assert _choose(staff_client, world, shared="y").status_code == 302
    with app.app_context():  # taken off the board after staff chose it
        db.session.execute(
            sa.update(Concern).where(Concern.id == world["dark"]).values(review=Review.HIDDEN)
        )
        db.session.commit()
    page = client_as("member").get("/together").get_data(as_text=True)
    assert "The street is dark" not in page and "Only for Newport" not in page
    assert "The bus is late" in page


def test_what_comes_next_lists_sessions_for_everyone(client_as, world):
    create_session(title="Next big meeting", starts_in=timedelta(days=3))
    create_session(
        title="Newport only meeting", starts_in=timedelta(days=2), group_id=world["newport"]
    )
    staff = client_as("staff")
    _choose(staff, world, shared="y")
    page = client_as("member").get("/together").get_data(as_text=True)
    assert "Next big meeting" in page and "Newport only meeting" not in page
    _choose(staff, world, shared="y", show_next="", show_numbers="")
    page = client_as("member").get("/together").get_data(as_text=True)
    assert "Next big meeting" not in page and "We met" not in page


def test_odd_answers_keep_what_was_typed(client_as, world):
    staff = client_as("staff")
    response = _choose(staff, world, from_day="9999-12-31")
    assert response.status_code == 422
    assert "Write a day, like 2026-12-03." in response.get_data(as_text=True)
    response = _choose(staff, world, next_words="word " * 200)
    assert response.status_code == 422
    assert "Please use fewer words." in response.get_data(as_text=True)
    assert _choose(staff, world, from_day="2026-03-31", to_day="2026-01-01").status_code == 302


def test_members_find_it_on_the_me_page(client_as):
    page = client_as("member").get("/me").get_data(as_text=True)
    assert 'href="/together"' in page
