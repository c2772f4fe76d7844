"""The moderation log: append-only (the database refuses changes), filterable, CSV download."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.moderation.models import LogEntry
from portal.moderation.services import write_log


def test_the_database_refuses_to_change_or_delete_a_log_entry(app, staff):
    with app.app_context():
        entry = write_log(None, "hidden", "concern", 1, before="old words")
        db.session.commit()
        entry_id = entry.id
    for statement in (
        sa.update(LogEntry).where(LogEntry.id == entry_id).values(before_text="rewritten"),
        sa.delete(LogEntry).where(LogEntry.id == entry_id),
    ):
        with app.app_context():
            with pytest.raises(sa.exc.DatabaseError, match="append-only"):
                db.session.execute(statement)
            db.session.rollback()
    with app.app_context():
        assert db.session.get(LogEntry, entry_id).before_text == "old words"


def test_no_route_can_change_the_log(app):
    # Every moderation route is GET (read) or a decision that adds entries: none names the
    # log with an edit or delete.
    log_routes = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("moderation.log")]
    assert log_routes and all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in log_routes)


def _log_some(client_as, concern):
    client = client_as("staff")
    url = f"/moderation/concerns/{concern.id}/act"
    client.post_form(url, {"action": "lock"})
    client.post_form(url, {"action": "hide", "reason": "other", "note": '=HYPERLINK("x")'})
    return client


def test_log_page_lists_and_filters(client_as, concern):
    client = _log_some(client_as, concern)
    page = client.get("/moderation/log").get_data(as_text=True)
    assert "Locked" in page and "Hidden" in page and "Jo Patel" in page
    only_locks = client.get("/moderation/log?action=locked").get_data(as_text=True)
    assert "Locked" in only_locks and "Words before:" not in only_locks
    assert "Nothing matches" in client.get("/moderation/log?concern=99999").get_data(as_text=True)
    assert client.get("/moderation/log?since=not-a-day&action=nonsense").status_code == 200


def test_csv_download_protects_against_formulas(client_as, concern):
    client = _log_some(client_as, concern)
    response = client.get("/moderation/log.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["When", "Who", "What"]
    assert [row[2] for row in rows[1:]] == ["Locked", "Hidden"]
    assert rows[2][6] == '\'=HYPERLINK("x")'
    filtered = client.get("/moderation/log.csv?action=locked").get_data(as_text=True)
    assert len(list(csv.reader(io.StringIO(filtered)))) == 2


def test_log_in_welsh(client_as, concern):
    client = _log_some(client_as, concern)
    client.post_form("/language", {"language": "cy"})
    page = client.get("/moderation/log").get_data(as_text=True)
    assert 'lang="cy"' in page and "What staff did" not in page
