"""Sign-in cards and email links in a real browser: scan, type, paste, revoke, rate limits."""

# After each page change we wait for its "load" event, so no picture is still on its way when
# the next click or the end of the test cuts it off (werkzeug then warns about an open file).

from __future__ import annotations

import re

import numpy as np
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, sign_in
from tests.browser.page_checks import page_problems
from tests.factories import PASSWORD, create_card, create_user
from tests.smtp import local_smtp

PASTE = """(text) => {
    const data = new DataTransfer(); data.setData('text/plain', text);
    const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
    const allowed = document.activeElement.dispatchEvent(event);
    if (allowed) document.execCommand('insertText', false, text);
}"""


@pytest.fixture
def smtp_server(app, monkeypatch):
    with local_smtp(app, monkeypatch) as inbox:
        yield inbox


def _answer_yes(page):
    expect(page.get_by_role("heading", level=1)).to_have_text("Is this your phone?")
    page.wait_for_load_state()
    assert page_problems(page, "en") == []
    page.get_by_role("button", name="Yes, this is my phone").click()
    expect(page.get_by_text("You are signed in as Sam Jones.")).to_be_visible()
    page.wait_for_load_state()


def test_staff_print_a_card_and_its_qr_code_signs_the_member_in(
    new_page, live_server, users_by_role, tmp_path
):
    staff_page = new_page(PHONE)
    sign_in(staff_page, "jo", PASSWORD)
    member = users_by_role["member"]
    staff_page.goto(f"/people/{member.id}")
    staff_page.get_by_role("link", name="Sign-in cards for Sam Jones").click()
    staff_page.get_by_role("button", name="Make a card to print").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(
        "A new sign-in card for Sam Jones"
    )
    staff_page.wait_for_load_state()
    assert page_problems(staff_page, "en") == []
    expect(staff_page.get_by_role("button", name="Print the card")).to_be_visible()
    staff_page.wait_for_load_state()
    # One tap opens the print dialog once (one script answers the Print button, not two).
    staff_page.evaluate("() => { window.printed = 0; window.print = () => { window.printed++; }; }")
    staff_page.get_by_role("button", name="Print the card").click()
    assert staff_page.evaluate("() => window.printed") == 1
    # The picture of the QR code, as printed, read back by a barcode reader.
    staff_page.emulate_media(media="print")
    shot = tmp_path / "qr.png"
    staff_page.locator(".login-card-qr").screenshot(path=str(shot))
    staff_page.emulate_media(media="screen")
    results = zxingcpp.read_barcodes(np.asarray(Image.open(shot).convert("L")))
    assert len(results) == 1
    link = results[0].text
    code = staff_page.get_by_test_id("card-code").inner_text().replace(" ", "")
    assert link == f"{live_server}/card/{code}"

    phone = new_page(PHONE)
    phone.goto(link)
    _answer_yes(phone)


def test_the_print_page_fits_a_bank_card(new_page, users_by_role):
    page = new_page({"width": 1024, "height": 800})
    sign_in(page, "jo", PASSWORD)
    member = users_by_role["member"]
    page.goto(f"/people/{member.id}/cards")
    page.get_by_role("button", name="Make a card to print").click()
    page.emulate_media(media="print")
    box = page.locator(".login-card").bounding_box()
    # 85.6mm by 54mm at 96 pixels to the inch, give or take a pixel.
    assert abs(box["width"] - 85.6 / 25.4 * 96) < 2
    assert abs(box["height"] - 54 / 25.4 * 96) < 2
    expect(page.locator(".site-header")).to_be_hidden()
    page.wait_for_load_state()


def test_several_cards_fit_on_one_a4_sheet(new_page, users_by_role):
    create_user(username="priya", display_name="Priya Shah")
    create_user(username="ffion", display_name="Ffion Evans")
    page = new_page({"width": 1024, "height": 800})
    sign_in(page, "jo", PASSWORD)
    page.goto("/people")
    page.get_by_role("link", name="Make sign-in cards for several people").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Make sign-in cards for several people"
    )
    page.wait_for_load_state()
    assert page_problems(page, "en") == []
    for name in ("Sam Jones", "Priya Shah", "Ffion Evans", "Alex Rivera"):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Make the cards to print").click()
    expect(page.get_by_test_id("card-code")).to_have_count(4)
    page.wait_for_load_state()
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1047})  # A4 less 10mm margins, in pixels
    boxes = [page.locator(".login-card").nth(i).bounding_box() for i in range(4)]
    assert all(box["x"] + box["width"] <= 718 for box in boxes)
    assert len({round(box["y"]) for box in boxes}) == 2  # 2 rows of 2 cards


def test_typing_the_code_with_paste_signs_in(new_page, users_by_role):
    member, staff = users_by_role["member"], users_by_role["staff"]
    _, code = create_card(member, staff)
    page = new_page(PHONE)
    page.goto("/sign-in")
    page.get_by_role("link", name="Sign in with your card").click()
    assert page_problems(page, "en") == []
    field = page.get_by_label("The code on your card")
    assert field.get_attribute("autocomplete") == "one-time-code"
    field.focus()
    page.evaluate(PASTE, f"{code[:4]} {code[4:]}")
    assert field.input_value() == f"{code[:4]} {code[4:]}"
    page.get_by_role("button", name="Sign in").click()
    _answer_yes(page)


def test_a_revoked_card_signs_out_a_phone_already_signed_in(new_page, users_by_role):
    member, staff = users_by_role["member"], users_by_role["staff"]
    _, code = create_card(member, staff)
    phone = new_page(PHONE)
    phone.goto(f"/card/{code}")
    _answer_yes(phone)

    staff_page = new_page(PHONE)
    sign_in(staff_page, "jo", PASSWORD)
    staff_page.goto(f"/people/{member.id}/cards")
    assert page_problems(staff_page, "en") == []
    staff_page.get_by_role("button", name="Stop this card working").click()
    expect(staff_page.get_by_text("This card does not work any more.")).to_be_visible()
    staff_page.wait_for_load_state()

    phone.reload()
    expect(phone.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()
    phone.wait_for_load_state()
    expect(phone.get_by_text("You are signed in as")).to_have_count(0)
    phone.wait_for_load_state()
    phone.goto(f"/card/{code}")
    expect(phone.get_by_text("This card does not work.")).to_be_visible()
    phone.wait_for_load_state()


def test_too_many_wrong_codes_give_the_easy_read_page(new_page, users_by_role, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_CODE_ADDRESS_LIMIT", "3 per hour")
    member, staff = users_by_role["member"], users_by_role["staff"]
    _, code = create_card(member, staff)
    wrong = code[:3] + ("A" if code[3] != "A" else "C") + code[4:]
    page = new_page(PHONE)
    page.goto("/sign-in/code")
    for _ in range(3):
        page.get_by_label("The code on your card").fill(wrong)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("This code does not work.")).to_be_visible()
        page.wait_for_load_state()
    page.get_by_label("The code on your card").fill(code)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Please ask staff for help")
    page.wait_for_load_state()
    assert page_problems(page, "en") == []


def test_the_link_in_the_email_signs_in(new_page, smtp_server):
    create_user(username="sam", display_name="Sam Jones", email="sam@example.org")
    page = new_page(PHONE)
    page.goto("/sign-in")
    page.get_by_role("link", name="Get a link by email").click()
    field = page.get_by_label("Your email address")
    assert field.get_attribute("autocomplete") == "email"
    field.fill("sam@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Look in your email")
    page.wait_for_load_state()
    [message] = smtp_server.messages
    link = re.search(r"http://\S+/sign-in/email/\S+", message.get_content()).group(0)
    page.goto(link)
    _answer_yes(page)


def test_a_paused_password_says_what_to_do_in_easy_read(new_page, users_by_role, app):
    limit = int(app.config["SIGN_IN_PASSWORD_ACCOUNT_LIMIT"].split()[0])
    page = new_page(PHONE)
    page.goto("/sign-in")
    for _ in range(limit + 1):
        page.get_by_label("Your username").fill("sam")
        page.get_by_label("Your password").fill("not-the-password-at-all")
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_load_state()
    expect(page.get_by_text("So we paused this password for a while.")).to_be_visible()
    expect(page.get_by_label("Your username")).to_have_value("sam")
    assert page_problems(page, "en") == []
