"""Reading settings: kept on the account across sign-ins and phones, kept in a cookie for
someone signed out and carried into the account at sign-in, put on <html> on every page, and
never broken by a bad value."""

from __future__ import annotations

import json
import re

import pytest

from portal.accounts.reading import READING_COOKIE, Reading, ReadingSettings
from tests.conftest import PortalClient, htmx_headers
from tests.factories import fetch

HTML_TAG = re.compile(r"<html[^>]*>")
CHOSEN = {"text_size": "largest", "spacing": "wide", "theme": "dark", "font": "legible"}
CHOSEN_CLASSES = {"text-largest", "spacing-wide", "theme-dark", "font-legible"}


def html_tag(client, path: str = "/") -> str:
    return HTML_TAG.search(client.get(path).get_data(as_text=True)).group(0)


def html_classes(client, path: str = "/") -> set[str]:
    match = re.search(r'class="([^"]*)"', html_tag(client, path))
    return set(match.group(1).split()) if match else set()


def choose(client, **choices: str):
    return client.post_form("/settings", choices)


def new_client(app) -> PortalClient:
    app.test_client_class = PortalClient
    return app.test_client()


def test_the_settings_page_shows_each_choice_with_a_sample(client):
    page = client.get("/settings").get_data(as_text=True)
    for name, value in [("text_size", "largest"), ("theme", "low-glare"), ("font", "legible")]:
        assert f'name="{name}" value="{value}"' in page
    assert 'class="reading-sample sample-text-largest"' in page
    assert 'class="reading-sample sample-theme sample-theme-dark"' in page
    assert '<select class="input" id="reading-voice" name="voice" data-voice-list' in page
    assert '<option value="">The phone chooses</option>' in page
    # The defaults are pressed, nothing else.
    assert re.search(r'value="normal"\s+id="reading-text_size-normal" aria-pressed="true"', page)
    assert re.search(r'value="largest"\s+id="reading-text_size-largest" aria-pressed="false"', page)


def test_every_page_has_a_settings_button_and_no_classes_by_default(client):
    page = client.get("/help").get_data(as_text=True)
    assert 'class="reading-button" href="/settings?next=/help"' in page
    assert html_classes(client, "/help") == set()
    assert 'data-speech-rate="normal" data-voice=""' in html_tag(client, "/help")


def test_a_members_settings_are_kept_across_sign_out_and_another_phone(app, client, member):
    client.sign_in_as(member)
    response = choose(client, **CHOSEN)
    assert response.status_code == 302
    assert response.headers["Location"] == "/settings"
    choose(client, speech_rate="slower", voice="Microsoft Bethan - Welsh (United Kingdom)")
    assert html_classes(client) == CHOSEN_CLASSES
    client.post_form("/sign-out")
    assert html_classes(client) == set()  # signed out, this browser has no choice of its own

    client.sign_in_as(member)
    assert html_classes(client) == CHOSEN_CLASSES
    other_phone = new_client(app)
    other_phone.sign_in_as(member)
    tag = html_tag(other_phone, "/sessions")
    assert 'data-speech-rate="slower"' in tag
    assert 'data-voice="Microsoft Bethan - Welsh (United Kingdom)"' in tag
    assert html_classes(other_phone, "/concerns") == CHOSEN_CLASSES


def test_one_tap_changes_one_setting_and_keeps_the_others(client, member):
    client.sign_in_as(member)
    choose(client, **CHOSEN)
    choose(client, theme="low-glare")
    assert html_classes(client) == CHOSEN_CLASSES - {"theme-dark"} | {"theme-low-glare"}
    choose(client, text_size="normal", spacing="normal", theme="default", font="default")
    assert html_classes(client) == set()


def test_a_signed_out_choice_is_kept_in_a_lax_cookie(client):
    response = choose(client, text_size="large", motion="less")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{READING_COOKIE}=")
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert html_classes(client, "/help") == {"text-large", "motion-less"}


def test_a_forged_cookie_is_ignored(client):
    client.set_cookie(READING_COOKIE, "eyJ0ZXh0X3NpemUiOiJsYXJnZSJ9.forged")
    assert html_classes(client) == set()


def test_sign_in_carries_the_cookie_choice_into_an_account_without_settings(app, client, member):
    choose(client, theme="low-glare", text_size="largest")
    client.sign_in_as(member)
    assert html_classes(client) == {"theme-low-glare", "text-largest"}
    saved = fetch(ReadingSettings, member.id)
    assert (saved.theme, saved.text_size, saved.spacing) == ("low-glare", "largest", "normal")
    # Kept with the account, so another phone has it too.
    other_phone = new_client(app)
    other_phone.sign_in_as(member)
    assert html_classes(other_phone) == {"theme-low-glare", "text-largest"}


def test_an_accounts_own_settings_win_over_the_cookie(app, client, member):
    first_phone = new_client(app)
    first_phone.sign_in_as(member)
    choose(first_phone, theme="dark")
    choose(client, theme="low-glare", text_size="large")  # signed out, on another phone
    client.sign_in_as(member)
    assert html_classes(client) == {"theme-dark"}
    assert fetch(ReadingSettings, member.id).theme == "dark"


def test_sign_in_with_the_default_cookie_saves_nothing(client, member):
    choose(client, theme="dark")
    choose(client, theme="default")
    client.sign_in_as(member)
    assert fetch(ReadingSettings, member.id) is None


def test_an_htmx_tap_answers_the_choices_and_the_classes_for_html(client, member):
    client.sign_in_as(member)
    response = client.post(
        "/settings",
        data={"theme": "dark", "csrf_token": client.csrf_token()},
        headers=htmx_headers(),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in page
    assert page.lstrip().startswith('<div id="reading-settings"')
    assert re.search(r'value="dark"\s+id="reading-theme-dark" aria-pressed="true"', page)
    assert "Your settings are saved." in page
    event = json.loads(response.headers["HX-Trigger"])["reading-changed"]
    assert event == {"classes": "theme-dark", "speechRate": "normal", "voice": ""}


def test_the_voice_goes_with_its_form_and_back_to_the_phones_choice(client, member):
    client.sign_in_as(member)
    choose(client, voice="Google UK English Female")
    page = client.get("/settings").get_data(as_text=True)
    assert '<option value="Google UK English Female" selected>' in page
    choose(client, voice="")
    assert 'data-voice=""' in html_tag(client)
    assert fetch(ReadingSettings, member.id).voice is None


BAD_VALUES = [
    {"text_size": "huge"},
    {"text_size": "x" * 5000},
    {"theme": "dark\x00"},
    {"theme": "DARK"},
    {"spacing": ["wide", "normal"]},
    {"voice": "v" * 101},
    {"voice": "Bethan\x00"},
    {"voice": "line\nbreak"},
    {"speech_rate": "11"},
    {"unknown": "1"},
]


@pytest.mark.parametrize("bad", BAD_VALUES)
@pytest.mark.parametrize("signed_in", [True, False])
def test_bad_values_are_ignored_and_the_default_kept(client, member, bad, signed_in):
    if signed_in:
        client.sign_in_as(member)
    response = choose(client, **bad)
    assert response.status_code == 302
    assert html_classes(client) == set()
    assert 'data-speech-rate="normal" data-voice=""' in html_tag(client)


def test_a_bad_value_keeps_what_was_chosen_before(client, member):
    client.sign_in_as(member)
    choose(client, theme="dark", voice="Alex")
    choose(client, theme="purple", voice="\x00")
    assert html_classes(client) == {"theme-dark"}
    assert 'data-voice="Alex"' in html_tag(client)


def test_settings_refuse_a_post_without_the_csrf_token(client, member):
    client.sign_in_as(member)
    response = client.post("/settings", data={"theme": "dark"})
    assert response.status_code == 400
    assert html_classes(client) == set()


def test_a_json_body_or_a_huge_body_is_not_a_500(client):
    response = client.post(
        "/settings",
        data=json.dumps({"theme": "dark"}),
        content_type="application/json",
        headers={"X-CSRFToken": client.csrf_token()},
    )
    assert response.status_code == 302
    assert html_classes(client) == set()
    huge = client.post_form("/settings", {"voice": "v" * (2 * 1024 * 1024)})
    assert huge.status_code == 413


def test_settings_go_back_to_the_page_they_were_opened_from(client):
    page = client.get("/settings?next=/help").get_data(as_text=True)
    assert '<input type="hidden" name="next" value="/help">' in page
    assert 'href="/help"' in page
    response = choose(client, theme="dark", next="/help")
    assert response.headers["Location"] == "/settings?next=/help"
    outside = choose(client, theme="dark", next="https://example.com/")
    assert outside.headers["Location"] == "/settings"


def test_the_classes_are_on_html_for_every_kind_of_page(client_as):
    staff = client_as("staff")
    choose(staff, **CHOSEN)
    for path in ["/", "/sessions", "/concerns", "/notices", "/people", "/help", "/settings"]:
        assert html_classes(staff, path) == CHOSEN_CLASSES, path
    # Error pages too: a missing page keeps the reader's settings.
    missing = staff.get("/no-such-page")
    assert missing.status_code == 404
    assert 'class="text-largest spacing-wide theme-dark font-legible"' in missing.get_data(
        as_text=True
    )


def test_a_hand_edited_row_reads_as_the_defaults(app, member):
    from portal.extensions import db

    with app.app_context():
        db.session.add(ReadingSettings(user_id=member.id, theme="neon", text_size="largest"))
        db.session.commit()
        row = db.session.get(ReadingSettings, member.id)
        assert row.as_reading() == Reading(text_size="largest")


def test_the_cookie_is_secure_where_sessions_are(app, client):
    https = "https://localhost"
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        page = client.get("/settings", base_url=https).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = client.post(
            "/settings", data={"theme": "dark", "csrf_token": token}, base_url=https
        )
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    cookie = next(
        value
        for value in response.headers.getlist("Set-Cookie")
        if value.startswith(f"{READING_COOKIE}=")
    )
    assert "Secure" in cookie
