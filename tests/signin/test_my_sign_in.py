"""Your ways to sign in: signed-in devices, sign out everywhere, passkey routes, staff rules."""

from __future__ import annotations

import json

import sqlalchemy as sa

from portal.accounts.models import DeviceSession, SecurityEvent
from portal.extensions import db
from portal.signin.devices import describe_device
from portal.signin.models import Passkey
from tests.factories import create_card

ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile"


def _is_signed_in(client) -> bool:
    return "You are signed in as" in client.get("/").get_data(as_text=True)


def test_the_page_lists_where_you_are_signed_in(client_as, app, member):
    phone = client_as(None)
    phone.environ_base["HTTP_USER_AGENT"] = ANDROID
    phone.sign_in_as(member)
    laptop = client_as("member")
    page = laptop.get("/my-sign-in").get_data(as_text=True)
    assert "Android phone" in page
    assert page.count("Sign out on this one") == 2
    assert "This is the phone or computer you are using now." in page
    assert "You have no passkeys yet." in page


def test_sign_out_one_device(client_as, app, member):
    phone = client_as(None)
    phone.environ_base["HTTP_USER_AGENT"] = ANDROID
    phone.sign_in_as(member)
    laptop = client_as("member")
    with app.app_context():
        device = db.session.scalar(
            sa.select(DeviceSession).where(DeviceSession.user_agent == ANDROID)
        )
    laptop.post_form(f"/my-sign-in/devices/{device.id}/sign-out")
    assert not _is_signed_in(phone)
    assert _is_signed_in(laptop)


def test_you_cannot_sign_out_someone_elses_device(client_as, app, staff):
    staff_client = client_as("staff")
    member_client = client_as("member")
    with app.app_context():
        staff_device = db.session.scalar(
            sa.select(DeviceSession).where(DeviceSession.user_id == staff.id)
        )
    member_client.post_form(f"/my-sign-in/devices/{staff_device.id}/sign-out")
    assert _is_signed_in(staff_client)


def test_sign_out_everywhere(client_as, app, member, staff):
    _, code = create_card(member, staff)
    card_phone = client_as(None)
    card_phone.get(f"/card/{code}")
    card_phone.post_form("/sign-in/this-phone", {"answer": "yes"})
    laptop = client_as("member")
    response = laptop.post_form("/my-sign-in/sign-out-everywhere")
    assert response.status_code == 302
    assert not _is_signed_in(card_phone) and not _is_signed_in(laptop)
    with app.app_context():
        kinds = db.session.scalars(sa.select(SecurityEvent.kind)).all()
    assert "signed_out_everywhere" in kinds


def test_passkey_options_ask_for_a_discoverable_passkey(client_as):
    client = client_as("member")
    response = client.post("/my-sign-in/passkeys/options", headers=_csrf(client))
    options = response.get_json()
    assert options["rp"]["id"] == "localhost"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert "sam" not in json.dumps(options["user"]["id"])


def test_the_relying_party_can_be_set(client_as, app, monkeypatch):
    monkeypatch.setitem(app.config, "WEBAUTHN_RP_ID", "portal.example.org")
    client = client_as("member")
    options = client.post("/my-sign-in/passkeys/options", headers=_csrf(client)).get_json()
    assert options["rp"]["id"] == "portal.example.org"


def test_a_made_up_passkey_is_refused(client, app):
    options = client.post("/sign-in/passkey/options", headers=_csrf(client)).get_json()
    assert options["allowCredentials"] == []  # no username: any passkey of this site
    response = client.post(
        "/sign-in/passkey",
        json={"credential": {"id": "bm90LWEtcmVhbC1wYXNza2V5", "type": "public-key"}},
        headers=_csrf(client),
    )
    assert response.status_code == 400
    assert response.get_json()["message"] == "That passkey did not work. Try another way."
    assert not _is_signed_in(client)


def test_a_made_up_new_passkey_is_refused(client_as, app):
    client = client_as("member")
    client.post("/my-sign-in/passkeys/options", headers=_csrf(client))
    response = client.post(
        "/my-sign-in/passkeys", json={"credential": {"id": "x"}}, headers=_csrf(client)
    )
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Passkey)) == 0


def test_staff_who_must_use_a_passkey_are_asked_to_add_one(client, app, staff, monkeypatch):
    monkeypatch.setitem(app.config, "STAFF_REQUIRE_PASSKEY", True)
    response = client.sign_in_as(staff)
    assert response.location.endswith("/my-sign-in")
    page = client.get("/my-sign-in").get_data(as_text=True)
    assert "Please add a passkey now." in page


def test_staff_with_a_passkey_cannot_use_a_password_or_card(client, app, staff, monkeypatch):
    monkeypatch.setitem(app.config, "STAFF_REQUIRE_PASSKEY", True)
    with app.app_context():
        db.session.add(Passkey(user_id=staff.id, credential_id="abc", public_key=b"key"))
        db.session.commit()
    response = client.post_form("/sign-in", {"username": "jo", "password": "a-long-test-password"})
    assert "Staff sign in with a passkey." in response.get_data(as_text=True)
    assert not _is_signed_in(client)
    _, code = create_card(staff, staff)
    client.get(f"/card/{code}")
    assert not _is_signed_in(client)
    response = client.get("/sign-in/this-phone", follow_redirects=True)
    assert "Staff sign in with a passkey." in response.get_data(as_text=True)


def test_members_are_not_held_to_the_staff_rule(client, app, member, monkeypatch):
    monkeypatch.setitem(app.config, "STAFF_REQUIRE_PASSKEY", True)
    assert client.sign_in_as(member).location.endswith("/")


def test_devices_are_described_in_words(app):
    with app.test_request_context():
        assert describe_device(ANDROID) == "Android phone"
        assert describe_device(None) == "Phone or computer"


def _csrf(client) -> dict[str, str]:
    return {"X-CSRFToken": client.csrf_token()}
