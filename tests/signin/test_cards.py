"""Sign-in cards: made by staff, stored as a hash, signing in by QR link or typed code."""

from __future__ import annotations

import re

import numpy as np
import pytest
import segno
import sqlalchemy as sa
import zxingcpp
from PIL import Image

from portal.accounts.models import DeviceSession, SecurityEvent
from portal.extensions import db
from portal.notices.models import Notice
from portal.signin import cards
from portal.signin.models import LoginCard
from tests.factories import create_card, create_user, fetch

CODE_ON_PAGE = re.compile(r'data-testid="card-code"><kbd>([A-Z0-9 ]+)<')
NOT_RIGHT = "This code does not work. Check it and try again."


def _events(app, kind):
    with app.app_context():
        return list(db.session.scalars(sa.select(SecurityEvent).where(SecurityEvent.kind == kind)))


def _answer(client, answer="yes"):
    return client.post_form("/sign-in/this-phone", {"answer": answer})


def _signed_in_name(client) -> str:
    return client.get("/").get_data(as_text=True)


def test_staff_make_a_card_and_only_a_hash_is_kept(app, client_as, member):
    staff_client = client_as("staff")
    response = staff_client.post_form(f"/people/{member.id}/cards")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    printed = CODE_ON_PAGE.search(page).group(1)
    assert re.fullmatch(r"[A-Z0-9]{4} [A-Z0-9]{4}", printed)
    code = printed.replace(" ", "")
    assert set(code) <= set(cards.ALPHABET)
    assert "<svg" in page and "Sam</p>" in page  # first name only on the card
    with app.app_context():
        card = db.session.scalar(sa.select(LoginCard))
        assert card.user_id == member.id
        assert code not in card.code_hash and card.code_hash.startswith("$argon2")
        assert card.lookup == code[:3]
        notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == member.id))
        assert notice.kind == "sign_in_card_made"
    assert [e.user_id for e in _events(app, "card_made")] == [member.id]


def test_the_qr_code_decodes_to_the_link_that_signs_in(app, client, member, staff, monkeypatch):
    _, code = create_card(member, staff)
    monkeypatch.setitem(app.config, "PORTAL_URL", "https://portal.example.org")
    with app.app_context():  # the link comes from PORTAL_URL, not from any request
        link = cards.card_link(code)
    assert link == f"https://portal.example.org/card/{code}"
    image = Image.open(_png(segno.make(link, error="m")))
    decoded = zxingcpp.read_barcodes(np.asarray(image.convert("L")))
    assert [result.text for result in decoded] == [link]
    path = link.removeprefix("https://portal.example.org")
    response = client.get(path)
    assert response.status_code == 302 and response.location.endswith("/sign-in/this-phone")


def _png(qr):
    import io

    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=6, border=4)
    buffer.seek(0)
    return buffer


def test_opening_the_card_link_asks_is_this_your_phone_then_yes_keeps_you(
    app, client, member, staff
):
    card, code = create_card(member, staff)
    response = client.get(f"/card/{code}", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Is this your phone?" in page and "Hello, Sam Jones" in page
    assert "You are signed in as" not in _signed_in_name(client)  # not yet: the question first
    response = _answer(client, "yes")
    assert response.status_code == 302
    assert "You are signed in as Sam Jones" in _signed_in_name(client)
    with app.app_context():
        device = db.session.scalar(sa.select(DeviceSession))
        assert device.remembered is True and device.signed_in_with == f"card:{card.id}"
        assert device.expires_at - device.created_at >= app.config["REMEMBER_COOKIE_DURATION"]
    assert fetch(LoginCard, card.id).last_used_at is not None
    assert response.headers.getlist("Set-Cookie")
    assert any("cg_remember" in c for c in response.headers.getlist("Set-Cookie"))


def test_no_signs_in_for_this_visit_only(app, client, member, staff):
    _, code = create_card(member, staff)
    client.get(f"/card/{code}")
    response = _answer(client, "no")
    assert not any("cg_remember" in c for c in response.headers.getlist("Set-Cookie"))
    assert "You are signed in as Sam Jones" in _signed_in_name(client)
    with app.app_context():
        assert db.session.scalar(sa.select(DeviceSession)).remembered is False


@pytest.mark.parametrize("shape", ["{a} {b}", "{a}-{b}", " {a}{b} ", "lower"])
def test_typed_code_works_with_spaces_dashes_and_small_letters(client, member, staff, shape):
    _, code = create_card(member, staff)
    typed = code.lower() if shape == "lower" else shape.format(a=code[:4], b=code[4:])
    response = client.post_form("/sign-in/code", {"code": typed})
    assert response.status_code == 302 and response.location.endswith("/sign-in/this-phone")
    _answer(client)
    assert "You are signed in as Sam Jones" in _signed_in_name(client)


def test_the_code_box_lets_people_paste_and_fill_it_in(client):
    page = client.get("/sign-in/code").get_data(as_text=True)
    assert 'autocomplete="one-time-code"' in page
    assert "onpaste" not in page
    # Room for a pasted code with spaces or dashes: a tight maxlength would cut it off.
    assert 'maxlength="40"' in page
    assert page.count('name="code"') == 1  # one box, not one per letter


def test_a_wrong_code_and_an_unknown_code_get_the_same_answer(app, client, member, staff):
    _, code = create_card(member, staff)
    wrong = code[:3] + ("A" if code[3] != "A" else "C") + code[4:]
    unknown = "XXXXXXXX" if not code.startswith("XXX") else "YYYYYYYY"
    answers = []
    for typed in (wrong, unknown, "not a code"):
        response = client.post_form("/sign-in/code", {"code": typed})
        answers.append(response.status_code)
        assert NOT_RIGHT in response.get_data(as_text=True)
    assert answers == [200, 200, 200]
    assert len(_events(app, "sign_in_failed")) == 3


def test_wrong_codes_from_one_address_lead_to_the_ask_staff_page(
    app, client, member, staff, monkeypatch
):
    monkeypatch.setitem(app.config, "SIGN_IN_CODE_ADDRESS_LIMIT", "3 per hour")
    _, code = create_card(member, staff)
    for typed in ("AAAAAAAA", "CCCCCCCC", "EEEEEEEE"):
        assert client.post_form("/sign-in/code", {"code": typed}).status_code == 200
    response = client.get(f"/card/{code}")
    assert response.status_code == 429
    assert "Please ask staff for help" in response.get_data(as_text=True)


def test_revoking_a_card_signs_out_phones_that_used_it(app, client, client_as, member, staff):
    card, code = create_card(member, staff)
    client.get(f"/card/{code}")
    _answer(client, "yes")
    assert "You are signed in as Sam Jones" in _signed_in_name(client)
    staff_client = client_as("staff")
    response = staff_client.post_form(f"/people/{member.id}/cards/{card.id}/revoke")
    assert response.status_code == 302
    assert "You are signed in as" not in _signed_in_name(client)
    assert fetch(LoginCard, card.id).revoked_at is not None
    assert _events(app, "card_revoked")
    # The card itself stops working too.
    response = client.post_form("/sign-in/code", {"code": code})
    assert NOT_RIGHT in response.get_data(as_text=True)


def test_revoking_a_card_leaves_other_sign_ins_alone(client, client_as, member, staff):
    card, _ = create_card(member, staff)
    client.sign_in_as(member)
    client_as("staff").post_form(f"/people/{member.id}/cards/{card.id}/revoke")
    assert "You are signed in as Sam Jones" in _signed_in_name(client)


def test_a_card_for_a_turned_off_account_does_not_work(client, member, staff):
    off = create_user(username="chris", active=False)
    _, code = create_card(off, staff)
    response = client.post_form("/sign-in/code", {"code": code})
    assert NOT_RIGHT in response.get_data(as_text=True)


def test_the_question_needs_a_good_card_first(client):
    response = _answer(client, "yes")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_the_session_changes_at_sign_in(client, member, staff):
    _, code = create_card(member, staff)
    client.get(f"/card/{code}")
    before = client.get_cookie("cg_session").value
    _answer(client)
    assert client.get_cookie("cg_session").value != before


def test_staff_see_cards_and_when_they_were_last_used(client, client_as, member, staff):
    _card, code = create_card(member, staff)
    staff_client = client_as("staff")
    page = staff_client.get(f"/people/{member.id}/cards").get_data(as_text=True)
    assert "Not used yet." in page and "Stop this card working" in page
    client.get(f"/card/{code}")
    _answer(client)
    page = staff_client.get(f"/people/{member.id}/cards").get_data(as_text=True)
    assert "Last used:" in page
    assert code not in page and cards.code_in_groups(code) not in page
    page = staff_client.get(f"/people/{member.id}").get_data(as_text=True)
    assert f"/people/{member.id}/cards" in page


def test_revoking_someone_elses_card_by_changing_the_address_does_nothing(client_as, member, staff):
    other = create_user(username="priya")
    card, _ = create_card(other, staff)
    client_as("staff").post_form(f"/people/{member.id}/cards/{card.id}/revoke")
    assert fetch(LoginCard, card.id).revoked_at is None


def test_a_card_link_that_does_not_work_says_what_to_do(client):
    response = client.get("/card/AAAAAAAA")
    assert response.status_code == 404
    assert "This card does not work. Type the code instead, or ask staff." in (
        response.get_data(as_text=True)
    )


def test_staff_make_cards_for_several_people_on_one_sheet(app, client, client_as, member):
    priya = create_user(username="priya", display_name="Priya Shah")
    staff_client = client_as("staff")
    page = staff_client.get("/people/cards").get_data(as_text=True)
    assert "Priya Shah" in page and "Sam Jones" in page
    response = staff_client.post_form("/people/cards", {"person": [member.id, priya.id]})
    page = response.get_data(as_text=True)
    codes = [code.replace(" ", "") for code in CODE_ON_PAGE.findall(page)]
    assert len(codes) == 2 and page.count("<svg") >= 2
    assert "Sam</p>" in page and "Priya</p>" in page
    assert page.index("Priya</p>") < page.index("Sam</p>")  # in name order, like the list
    client.post_form("/sign-in/code", {"code": codes[0]})
    _answer(client)
    assert "You are signed in as Priya Shah" in _signed_in_name(client)


def test_a_sheet_needs_someone_chosen(app, client_as):
    response = client_as("staff").post_form("/people/cards", {})
    assert "Choose at least 1 person." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginCard)) == 0
