"""Page parts drawn once and kept (portal/fragments.py): each person still sees their own page.

The rows of a board, the header, the bottom bar and Listen are kept per process and looked up
by all they show; these tests hold that nothing one person sees leaks to another, a change
shows at once, and the CSRF token in a kept part is always the reader's own."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import render_template_string

from portal.agendas.models import AgendaItem
from portal.concerns.models import Concern
from portal.extensions import db
from portal.fragments import PARTS_KEPT, _parts
from portal.kept import CSRF_STAND_IN, SharedLRU
from portal.notices.services import notify
from portal.sessions.models import TrainingSession
from tests import factories
from tests.factories import (
    book,
    create_agenda_item,
    create_board,
    create_concern,
    create_session,
    create_user,
    publish_agenda,
)

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def board_with_concern(app):
    board = create_board("Getting about")
    author = create_user("member", username="priya", display_name="Priya Shah")
    concern = create_concern(board.id, author.id, "The bus is often late")
    return board, concern


def _support_button(page: str, concern_id: int) -> str:
    found = re.search(rf'<button[^>]*id="support-button-{concern_id}"[^>]*>', page)
    assert found, page[:400]
    return found.group(0)


def test_each_member_sees_their_own_support_on_a_kept_row(client_for, member, board_with_concern):
    board, concern = board_with_concern
    kim = create_user("member", username="kim", display_name="Kim Lee")
    sam, kims = client_for(member), client_for(kim)
    url = f"/concerns/boards/{board.id}"
    assert 'aria-pressed="false"' in _support_button(sam.get(url).text, concern.id)
    assert "1 person supports this" in kims.get(url).text  # the author's own support
    sam.post_form(f"/concerns/{concern.id}/support", {"supported": "1"})

    sams_page, kims_page = sam.get(url).text, kims.get(url).text
    assert 'aria-pressed="true"' in _support_button(sams_page, concern.id)
    assert "You support this." in sams_page
    assert 'aria-pressed="false"' in _support_button(kims_page, concern.id)
    assert "You support this." not in kims_page
    # The count is new for Kim too, not the row kept from before Sam's tap.
    assert "2 people support this" in kims_page


def test_every_token_in_a_kept_page_is_the_readers_own_and_works(
    client_for, member, board_with_concern
):
    board, concern = board_with_concern
    kim = create_user("member", username="kim", display_name="Kim Lee")
    sam, kims = client_for(member), client_for(kim)
    url = f"/concerns/boards/{board.id}"
    sam.get(url)  # Sam's page first: every part is kept from it
    kims_page = kims.get(url).text
    tokens = set(TOKEN.findall(kims_page))
    assert len(tokens) == 1, tokens
    assert "\x00" not in kims_page
    [token] = tokens
    assert token not in sam.get(url).text  # each session's own
    answer = kims.post(
        f"/concerns/{concern.id}/support", data={"supported": "1", "csrf_token": token}
    )
    assert answer.status_code == 302


def test_a_changed_title_shows_at_once(client_for, member, board_with_concern):
    board, concern = board_with_concern
    sam = client_for(member)
    url = f"/concerns/boards/{board.id}"
    assert "The bus is often late" in sam.get(url).text
    with factories.APP.app_context():
        db.session.execute(
            sa.update(Concern).where(Concern.id == concern.id).values(title="The bus never comes")
        )
        db.session.commit()
    page = sam.get(url).text
    assert "The bus never comes" in page
    assert "The bus is often late" not in page


def test_a_hidden_concern_is_drawn_for_its_author_each_time(client_for, board_with_concern):
    board, _concern = board_with_concern
    author = create_user("member", username="lee", display_name="Lee Ray")
    waiting = create_concern(board.id, author.id, "The lift is broken", review="waiting")
    page = client_for(author).get(f"/concerns/boards/{board.id}").text
    assert f'id="concern-{waiting.id}"' in page
    assert "Staff will check it first." in page


def test_a_locked_concern_says_so_until_staff_unlock_it(client_for, member, board_with_concern):
    board, concern = board_with_concern
    sam = client_for(member)
    url = f"/concerns/boards/{board.id}"
    lock_note = "Staff locked this concern."
    assert lock_note not in sam.get(url).text  # the row is kept now

    def locked(when):
        with factories.APP.app_context():
            db.session.execute(
                sa.update(Concern).where(Concern.id == concern.id).values(locked_at=when)
            )
            db.session.commit()

    locked(sa.func.now())
    page = sam.get(url).text
    assert lock_note in page
    assert lock_note in sam.get(url).text  # drawn again, not a kept copy of the locked row
    locked(None)
    assert lock_note not in sam.get(url).text


def test_the_kept_filter_shows_each_readers_own_choice(client_for, member, board_with_concern):
    board, _concern = board_with_concern
    sam = client_for(member)
    url = f"/concerns/boards/{board.id}"

    def chosen(page: str) -> tuple[str, str]:
        sort = re.search(r'name="sort" value="(\w+)" checked', page)
        status = re.search(r'<option value="(\w*)" selected>', page)
        return sort.group(1), status.group(1) if status else ""

    assert chosen(sam.get(url).text) == ("support", "")
    assert chosen(sam.get(url + "?sort=newest&status=done").text) == ("newest", "done")
    assert chosen(client_for(create_user("member", username="kim")).get(url).text) == (
        "support",
        "",
    )
    assert chosen(sam.get(url + "?status=talking").text) == ("support", "talking")


def test_the_header_is_kept_per_role_and_count(client_for, member, staff, board_with_concern):
    board, _concern = board_with_concern
    url = f"/concerns/boards/{board.id}"
    sam, jo = client_for(member), client_for(staff)
    assert 'href="/people' in jo.get(url).text
    assert 'href="/people' not in sam.get(url).text
    assert "1 new" not in sam.get(url).text
    with factories.APP.app_context():
        notify(member.id, "account_welcome", link="/help")
        db.session.commit()
    page = sam.get(url).text
    # The top menu and the bottom bar both say it.
    assert page.count("1 new") == 2


def test_the_language_is_part_of_the_key(client_for, member, board_with_concern):
    board, _concern = board_with_concern
    sam = client_for(member)
    url = f"/concerns/boards/{board.id}"
    assert "I support this" in sam.get(url).text
    sam.post_form("/language", {"language": "cy", "next": url})
    welsh = sam.get(url).text
    assert "I support this" not in welsh
    assert 'lang="cy"' in welsh


def test_a_kept_session_card_says_each_persons_own_answer(client_for, member):
    session = create_session(title="Walk round the park")
    kim = create_user("member", username="kim", display_name="Kim Lee")
    sam, kims = client_for(member), client_for(kim)
    assert "You are going" not in sam.get("/sessions").text
    book(session.id, member.id)
    assert "You are going" in sam.get("/sessions").text
    assert "You are going" not in kims.get("/sessions").text
    with factories.APP.app_context():
        db.session.execute(
            sa.update(TrainingSession)
            .where(TrainingSession.id == session.id)
            .values(place_name="The big park")
        )
        db.session.commit()
    assert "The big park" in kims.get("/sessions").text


def test_kept_help_choices_are_each_persons_own(client_for, member):
    session = create_session(title="Walk round the park")
    kim = create_user("member", username="kim", display_name="Kim Lee")
    book(session.id, member.id, help_needs=["step_free"])
    book(session.id, kim.id, help_needs=["easy_read"])
    sams = client_for(member).get(f"/sessions/{session.id}").text
    kims = client_for(kim).get(f"/sessions/{session.id}").text

    def checked(page: str) -> set[str]:
        return set(re.findall(r'value="(\w+)" id="help-\w+"\s+checked', page))

    assert checked(sams) == {"step_free"}
    assert checked(kims) == {"easy_read"}


def test_a_kept_agenda_part_shows_a_change_at_once(client_for, member):
    session = create_session(title="Walk round the park")
    item = create_agenda_item(session.id, title="Welcome", minutes=30)
    publish_agenda(session.id)
    sam = client_for(member)
    assert "30 minutes" in sam.get(f"/sessions/{session.id}").text
    with factories.APP.app_context():
        db.session.execute(sa.update(AgendaItem).where(AgendaItem.id == item.id).values(minutes=45))
        db.session.commit()
    page = sam.get(f"/sessions/{session.id}").text
    assert "45 minutes" in page
    assert "30 minutes" not in page


def test_the_kept_board_list_shows_a_new_count_at_once(client_for, member, board_with_concern):
    board, _concern = board_with_concern
    sam = client_for(member)
    assert "1 concern<" in sam.get("/concerns").text
    create_concern(board.id, member.id, "The lift is broken")
    assert "2 concerns<" in sam.get("/concerns").text


COUNTED = """{% call kept_part("counted", n, when=when) %}{{ draw() }}{% endcall %}"""


def _drawn_times(app, *, when=True, rounds=3) -> int:
    drawn = []

    def draw():
        drawn.append(1)
        return "part"

    with app.test_request_context("/"):
        for _ in range(rounds):
            assert render_template_string(COUNTED, n=id(drawn), when=when, draw=draw) == "part"
    return len(drawn)


def test_a_part_is_drawn_once_for_its_key(app):
    assert _drawn_times(app) == 1


def test_a_part_with_when_false_is_drawn_every_time(app):
    assert _drawn_times(app, when=False) == 3


def test_development_keeps_nothing(app, monkeypatch):
    monkeypatch.setitem(app.config, "KEEP_PAGE_PARTS", False)
    before = len(_parts(app))
    assert _drawn_times(app) == 3
    assert len(_parts(app)) == before


def test_words_like_the_glossarys_stand_in_are_shown_as_drawn(app):
    # The glossary marks (portal/words/marking.py) swap the token for a stand-in; a kept part
    # holding those words is kept as drawn, and they are never swapped for the token.
    with app.test_request_context("/"):
        for _ in range(2):
            page = render_template_string(
                """{% call kept_part("odd") %}<a href="/{{ odd }}">x</a>{% endcall %}""",
                odd=CSRF_STAND_IN,
            )
            assert CSRF_STAND_IN in page


def test_an_undefined_key_is_drawn_every_time(app):
    drawn = []
    with app.test_request_context("/"):
        for _ in range(2):
            render_template_string(
                """{% call kept_part("undefined", nothing_here) %}{{ draw() }}{% endcall %}""",
                draw=lambda: drawn.append(1) or "",
            )
    assert len(drawn) == 2


def test_made_up_addresses_do_not_fill_the_kept_parts(app, client_for, member):
    sam = client_for(member)
    sam.get("/help?made-up=first")
    sam.get("/no-such-page")  # its bottom bar is kept once, the same for every such page
    before = len(_parts(app))
    for number in range(20):
        assert sam.get(f"/help?made-up={number}").status_code == 200
        assert sam.get(f"/no-such-page-{number}").status_code == 404
    assert len(_parts(app)) == before


def test_the_header_is_kept_with_a_query_and_the_switch_comes_back_to_it(
    client_for, member, board_with_concern
):
    board, _concern = board_with_concern
    sam = client_for(member)
    url = f"/concerns/boards/{board.id}"
    switch_next = re.compile(r'class="language-switch".*?name="next" value="([^"]*)"', re.DOTALL)
    for query in ("", "?sort=newest", "?sort=newest&amp;status=done", "?status=talking"):
        page = sam.get(url + query.replace("&amp;", "&")).text
        assert switch_next.search(page).group(1) == url + query
        assert 'aria-label="Menu"' in page


def test_the_kept_parts_are_bounded():
    kept: SharedLRU[str] = SharedLRU(3)
    for n in range(5):
        kept.put((n,), str(n))
    assert len(kept) == 3
    assert kept.get((0,)) is None
    assert kept.get((2,)) == "2"
    kept.put((5,), "5")  # 3 was the least recently used, since 2 was just read
    assert kept.get((3,)) is None
    assert kept.get((2,)) == "2"
    assert PARTS_KEPT >= 1000
