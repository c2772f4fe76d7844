"""My data: every kind of record a person has, nothing of anyone else's, never a secret."""

from __future__ import annotations

import json

import pytest

from portal.extensions import db
from portal.mydata.catalogue import KINDS, OTHER_PEOPLE, SECRET_COLUMNS
from tests.factories import create_user
from tests.mydata.seed import MARK, one_of_each, things
from tests.people.support_helpers import link

OTHERS_WORDS = "PRIYAPRIVATE"


def test_every_column_that_points_at_a_person_is_decided(app):
    """A new table (or column) naming a person fails here until the catalogue decides it."""
    with app.app_context():
        pointing = {
            (table.name, column.name)
            for table in db.metadata.sorted_tables
            for column in table.columns
            for key in column.foreign_keys
            if key.column.table.name == "user_account"
        } | {("user_account", "id")}
    decided = {(kind.table, kind.owner) for kind in KINDS} | set(OTHER_PEOPLE)
    assert pointing - decided == set(), "add these to portal/mydata/catalogue.py"
    assert decided - pointing == set(), "the catalogue names columns that are gone"


@pytest.fixture
def seeded(app, member):
    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    priya = create_user(
        "member", username="priyaname", display_name="Priya Shah", email="priya@example.org"
    )
    with app.app_context():
        mine = things(member.id, priya.id, "Shared")
        one_of_each(member.id, kim.id, mine)
        theirs = things(priya.id, member.id, "Priyas")
        one_of_each(priya.id, kim.id, theirs, words=OTHERS_WORDS)
        db.session.commit()
    return {"kim": kim, "priya": priya}


def _download(client) -> tuple[dict, str]:
    response = client.get("/me/my-data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="my-data.json"'
    text = response.get_data(as_text=True)
    return json.loads(text), text


def test_my_data_has_every_kind_of_record(client_as, seeded):
    data, _text = _download(client_as("member"))
    assert data["account"]["username"] == "sam"
    empty = [kind.key for kind in KINDS if not data["records"][kind.key]]
    assert empty == [], "seed one of these in tests/mydata/seed.py"
    assert data["records"]["supports"][0]["concern_words"] == "Shared concern"
    assert data["records"]["supporters"][0]["supporter_name"] == "Kim Evans"
    assert data["records"]["sessions"][0]["help_other"] == f"{MARK} help"


def test_my_data_holds_nothing_of_anyone_else_and_no_secret(client_as, seeded):
    data, text = _download(client_as("member"))
    assert OTHERS_WORDS not in text
    assert "priya@example.org" not in text and "priyaname" not in text
    assert "hash" not in text.lower()  # no hashed token, code or password
    assert f"{MARK}-calendar-token" not in text and f"{MARK}-credential" not in text

    def keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    assert not set(keys(data)) & SECRET_COLUMNS


def test_the_page_says_each_kind_in_words(client_as, seeded):
    page = client_as("member").get("/me/my-data").get_data(as_text=True)
    for words in ("Your supporters", "Concerns you support", f"{MARK} own concern", "Kim Evans"):
        assert words in page
    assert "Phones and computers you signed in on" in page
    assert OTHERS_WORDS not in page


def test_a_supporter_helping_sees_it_without_the_ways_to_sign_in(app, client, member, seeded):
    chosen = link(member, seeded["kim"], scopes=("see",))
    client.sign_in_as(seeded["kim"])
    assert client.post_form(f"/people/helping/{chosen.id}/start").status_code == 302
    data, _text = _download(client)
    assert data["account"]["username"] == "sam"
    for kind in ("devices", "cards", "passkeys", "email_links", "security"):
        assert kind not in data["records"]
    page = client.get("/me/my-data").get_data(as_text=True)
    assert "Phones and computers you signed in on" not in page
    assert "Remove my account" not in page
    # Only the member can ask to remove their account.
    assert client.post_form("/me/remove-account").status_code in (302, 403)
    with app.app_context():
        from portal.accounts.models import User

        assert db.session.get(User, member.id).removal_asked_at is None


def test_a_record_whose_link_is_empty_still_downloads(app, client_as, member):
    """A change to an agenda whose part is gone names no part: the page still shows."""
    with app.app_context():
        from tests.mydata.seed import _insert

        session_id = _insert(
            "training_session", title="Gone", start_at=sa_now(), end_at=sa_now(), places=1
        )
        agenda_id = _insert("agenda", session_id=session_id)
        _insert("agenda_change", agenda_id=agenda_id, action="added", snapshot={}, item_id=None,
                user_id=member.id)  # fmt: skip
        db.session.commit()
    client = client_as("member")
    assert client.get("/me/my-data").status_code == 200
    data, _text = _download(client)
    assert data["records"]["agenda_changes"][0]["item_words"] is None


def sa_now():
    from portal.timeutil import utcnow

    return utcnow()
