"""Staff make groups and choose who is in them."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.groups.models import Group


def _group_id(app, name):
    with app.app_context():
        return db.session.scalar(sa.select(Group.id).where(Group.name == name))


def test_staff_make_a_group_add_and_remove_people(app, client_as, users_by_role):
    client = client_as("staff")
    response = client.post_form("/groups", {"name": "  Newport members "})
    group_id = _group_id(app, "Newport members")
    assert response.location == f"/groups/{group_id}"
    page = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Nobody is in this group yet." in page
    assert "Sam Jones (sam)" in page  # offered in the list of people to add

    member = users_by_role["member"]
    client.post_form(f"/groups/{group_id}/members", {"person_id": member.id})
    page = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Sam Jones is in the group now." in page
    assert "Take Sam Jones out" in page
    assert "1 person is in this group." in client.get("/groups").get_data(as_text=True)

    client.post_form(f"/groups/{group_id}/members/{member.id}/remove")
    page = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Sam Jones is not in the group now." in page
    assert "Nobody is in this group yet." in page


def test_group_names_are_required_and_unique(app, client_as, users_by_role):
    client = client_as("staff")
    client.post_form("/groups", {"name": "Cardiff"})
    page = client.post_form("/groups", {"name": "cardiff"}).get_data(as_text=True)
    assert "There is a group with this name already." in page
    assert 'value="cardiff"' in page
    page = client.post_form("/groups", {"name": "   "}).get_data(as_text=True)
    assert "Type a name for the group." in page


def test_rename_a_group(app, client_as, users_by_role):
    client = client_as("staff")
    client.post_form("/groups", {"name": "Old name"})
    group_id = _group_id(app, "Old name")
    client.post_form(f"/groups/{group_id}", {"name": "New name"})
    assert _group_id(app, "New name") == group_id


def test_adding_someone_not_offered_is_refused(app, client_as, users_by_role):
    client = client_as("staff")
    client.post_form("/groups", {"name": "Cardiff"})
    group_id = _group_id(app, "Cardiff")
    response = client.post_form(f"/groups/{group_id}/members", {"person_id": 99999})
    assert response.status_code == 422
    assert "Choose one from the list." in response.get_data(as_text=True)
