"""An English page is plain ASCII text, unless its own content is not.

One character outside ASCII (a dash in the title, say) makes Python hold the whole page two
bytes a character: every step that reads a page (encoding it, the glossary marks, the ETag,
compression) then takes several times as long. So the templates write such characters as
HTML entities ("&#8211;", "&middot;"), which browsers and screen readers show the same."""

from __future__ import annotations

import pytest

from tests.factories import (
    book,
    create_board,
    create_concern,
    create_reply,
    create_session,
    create_user,
)


@pytest.fixture
def places(app, member):
    board = create_board("Getting about")
    author = create_user("member", username="priya", display_name="Priya Shah")
    concern = create_concern(board.id, author.id, "The bus is often late")
    create_reply(concern.id, author.id)
    training = create_session(title="Speaking up")
    book(training.id, member.id)
    return {
        "home": "/",
        "what's on": "/sessions",
        "a session": f"/sessions/{training.id}",
        "concerns": "/concerns",
        "a board": f"/concerns/boards/{board.id}",
        "a concern": f"/concerns/{concern.id}",
        "what's new": "/whats-new",
    }


def test_the_main_member_pages_are_plain_ascii_in_english(client_for, member, places):
    sam = client_for(member)
    for name, url in places.items():
        response = sam.get(url)
        assert response.status_code == 200, name
        page = response.get_data(as_text=True)
        odd = sorted({character for character in page if not character.isascii()})
        assert not odd, f"{name} ({url}) holds {odd}"


def test_the_title_still_reads_with_a_dash(client_for, member, places):
    page = client_for(member).get(places["a board"]).text
    assert "<title>Getting about &#8211; " in page
