"""Boards: who sees them, and staff adding, renaming, reordering and archiving them."""

from __future__ import annotations

from portal.concerns.models import Board
from tests.conftest import htmx_headers
from tests.factories import create_board, create_concern, fetch


def test_member_sees_open_boards_in_order(client_as, board):
    second = create_board("Money", picture="money")
    page = client_as("member").get("/concerns").get_data(as_text=True)
    assert page.index("Getting about") < page.index("Money")
    assert f"/concerns/boards/{second.id}" in page


def test_archived_board_is_gone_for_members_but_not_staff(client_as, app):
    old = create_board("Old board", archived=True)
    member = client_as("member")
    assert "Old board" not in member.get("/concerns").get_data(as_text=True)
    assert member.get(f"/concerns/boards/{old.id}").status_code == 404
    assert client_as("staff").get(f"/concerns/boards/{old.id}").status_code == 200


def test_group_board_only_for_its_members(client_as, users_by_role, app):
    from portal.extensions import db
    from portal.groups.models import Group

    with app.app_context():
        group = Group(name="Newport members")
        group.members = [
            db.session.get(type(users_by_role["co_trainer"]), users_by_role["co_trainer"].id)
        ]
        db.session.add(group)
        db.session.commit()
        group_id = group.id
    private = create_board("Newport only", group_id=group_id)
    assert client_as("member").get(f"/concerns/boards/{private.id}").status_code == 404
    assert "Newport only" not in client_as("member").get("/concerns").get_data(as_text=True)
    assert client_as("co_trainer").get(f"/concerns/boards/{private.id}").status_code == 200
    assert client_as("staff").get(f"/concerns/boards/{private.id}").status_code == 200


def test_staff_add_rename_and_set_check_first(client_as):
    staff = client_as("staff")
    response = staff.post_form(
        "/concerns/manage/new", {"name": "  Staying   safe ", "picture": "safe", "group": ""}
    )
    assert response.status_code == 302
    page = staff.get("/concerns/manage").get_data(as_text=True)
    assert "Staying safe" in page
    with staff.application.app_context():
        from portal.extensions import db

        board_id = db.session.query(Board.id).scalar()
    response = staff.post_form(
        f"/concerns/manage/{board_id}",
        {"name": "Feeling safe", "picture": "police", "group": "", "check_first": "y"},
    )
    assert response.status_code == 302
    board = fetch(Board, board_id)
    assert (board.name, board.picture, board.check_first) == ("Feeling safe", "police", True)


def test_board_form_errors_keep_what_was_typed(client_as):
    response = client_as("staff").post_form(
        "/concerns/manage/new", {"name": "<b>x</b>" * 20, "picture": "not-a-picture"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Use 80 letters or fewer" in page
    assert "Pick a picture." in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page


def test_staff_reorder_and_archive(client_as):
    first, second = create_board("First"), create_board("Second")
    staff = client_as("staff")
    staff.post_form(f"/concerns/manage/{second.id}/move", {"direction": "up"})
    page = staff.get("/concerns").get_data(as_text=True)
    assert page.index("Second") < page.index("First")
    staff.post_form(f"/concerns/manage/{first.id}/archive", {"archived": "1"})
    assert fetch(Board, first.id).archived_at is not None
    staff.post_form(f"/concerns/manage/{first.id}/archive", {"archived": "0"})
    assert fetch(Board, first.id).archived_at is None


def test_members_cannot_manage_boards(client_as, board):
    member = client_as("member")
    assert member.get("/concerns/manage").status_code == 403
    response = member.post_form(f"/concerns/manage/{board.id}/archive", {"archived": "1"})
    assert response.status_code == 403
    assert fetch(Board, board.id).archived_at is None


def _make_concerns(board_id, author_id, count):
    from datetime import timedelta

    from portal.timeutil import utcnow

    start = utcnow() - timedelta(days=count)
    return [
        create_concern(
            board_id, author_id, f"Concern number {n}", created_at=start + timedelta(days=n)
        )
        for n in range(count)
    ]


def test_board_page_sorts_filters_and_pages(client_as, board, users_by_role, app):
    made = _make_concerns(board.id, users_by_role["staff"].id, 23)
    client = client_as("member")
    client.post_form(f"/concerns/{made[0].id}/support", {"supported": "1"})
    page = client.get(f"/concerns/boards/{board.id}").get_data(as_text=True)
    # Most support first: number 0 has 2 supports, the rest 1.
    assert page.index("Concern number 0<") < page.index("Concern number 22<")
    assert "Show more" in page
    newest = client.get(f"/concerns/boards/{board.id}?sort=newest").get_data(as_text=True)
    assert newest.index("Concern number 22<") < newest.index("Concern number 21<")
    assert "Concern number 0<" not in newest  # on page 2
    second = client.get(f"/concerns/boards/{board.id}?sort=newest&page=2").get_data(as_text=True)
    assert "<html" in second and "Concern number 0<" in second and "Earlier concerns" in second
    assert "That is all the concerns." in second
    more = client.get(
        f"/concerns/boards/{board.id}?sort=newest&page=2&part=more", headers=htmx_headers()
    )
    text = more.get_data(as_text=True)
    assert "<html" not in text and "Concern number 0<" in text and 'id="show-more"' in text
    assert "Concern number 22<" not in text
    assert "HX-Request" in more.headers["Vary"]
    with app.app_context():
        from portal.accounts.models import User
        from portal.concerns.models import Concern, Status
        from portal.concerns.services import add_update
        from portal.extensions import db

        concern = db.session.get(Concern, made[5].id)
        add_update(
            concern,
            db.session.get(User, users_by_role["staff"].id),
            status=Status.DONE,
            words="Fixed.",
        )
        db.session.commit()
    done = client.get(f"/concerns/boards/{board.id}?status=done", headers=htmx_headers())
    done_text = done.get_data(as_text=True)
    assert "Concern number 5<" in done_text and "Concern number 6<" not in done_text
    assert "<html" not in done_text


def test_bad_query_values_fall_back(client_as, board):
    response = client_as("member").get(f"/concerns/boards/{board.id}?sort=evil&status=x&page=-4")
    assert response.status_code == 200
