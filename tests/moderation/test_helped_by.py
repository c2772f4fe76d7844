"""Moderation shows who wrote a thing and who helped them: "Sam Jones (helped by Kim Evans)"
in the queue, on the item's page and in the log."""

from __future__ import annotations

import re

from portal.concerns.models import Concern
from portal.extensions import db
from tests.factories import create_board, create_concern, create_user


def _words(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_queue_item_page_and_log_show_the_helper(app, client_as, member):
    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    board = create_board("Getting about", check_first=True)
    concern = create_concern(board.id, member.id, "The lift is broken", review="waiting")
    with app.app_context():
        db.session.get(Concern, concern.id).helped_by_id = kim.id
        db.session.commit()
    staff = client_as("staff")
    both = "Sam Jones (helped by Kim Evans)"
    assert both in _words(staff.get("/moderation").get_data(as_text=True))
    item_page = staff.get(f"/moderation/concerns/{concern.id}").get_data(as_text=True)
    assert both in _words(item_page)
    staff.post_form(f"/moderation/concerns/{concern.id}/act", {"action": "approve"})
    assert f"Written by {both}" in _words(staff.get("/moderation/log").get_data(as_text=True))
