"""Passkeys through the request API, with a software authenticator standing in for a phone."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.accounts.models import DeviceSession, SecurityEvent
from portal.extensions import db
from portal.notices.models import Notice
from portal.signin import passkeys
from portal.signin.models import Passkey, PasskeyChallenge
from portal.timeutil import utcnow
from tests.signin.soft_authenticator import SoftAuthenticator


def _csrf(client) -> dict[str, str]:
    return {"X-CSRFToken": client.csrf_token()}


def _add(client, authenticator) -> None:
    options = client.post("/my-sign-in/passkeys/options", headers=_csrf(client)).get_json()
    response = client.post(
        "/my-sign-in/passkeys",
        json={"credential": authenticator.register(options)},
        headers=_csrf(client),
    )
    assert response.status_code == 200, response.get_data(as_text=True)


def _sign_in(client, authenticator):
    options = client.post("/sign-in/passkey/options", headers=_csrf(client)).get_json()
    return client.post(
        "/sign-in/passkey",
        json={"credential": authenticator.sign_in(options)},
        headers=_csrf(client),
    )


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _is_signed_in(client) -> bool:
    return "You are signed in as" in client.get("/").get_data(as_text=True)


def test_add_a_passkey_and_sign_in_with_it(app, client_as, member):
    phone = SoftAuthenticator()
    _add(client_as("member"), phone)
    with app.app_context():
        passkey = db.session.scalar(sa.select(Passkey))
        assert passkey.user_id == member.id
        kinds = db.session.scalars(sa.select(Notice.kind)).all()
        assert "passkey_added" in kinds
    fresh = client_as(None)
    response = _sign_in(fresh, phone)
    assert response.get_json() == {"ok": True, "redirect": "/"}
    assert "You are signed in as Sam Jones" in fresh.get("/").get_data(as_text=True)
    with app.app_context():
        device = db.session.scalar(
            sa.select(DeviceSession).where(DeviceSession.signed_in_with.like("passkey:%"))
        )
        assert device.remembered is True
        assert db.session.scalar(sa.select(Passkey)).sign_count == 2


def test_a_challenge_is_used_once(client_as, member):
    phone = SoftAuthenticator()
    _add(client_as("member"), phone)
    fresh = client_as(None)
    options = fresh.post("/sign-in/passkey/options", headers=_csrf(fresh)).get_json()
    answer = phone.sign_in(options)
    first = fresh.post("/sign-in/passkey", json={"credential": answer}, headers=_csrf(fresh))
    assert first.status_code == 200
    other = client_as(None)
    replay = other.post("/sign-in/passkey", json={"credential": answer}, headers=_csrf(other))
    assert replay.status_code == 400


def test_removing_a_passkey_signs_out_where_it_was_used(app, client_as, member):
    phone = SoftAuthenticator()
    laptop = client_as("member")
    _add(laptop, phone)
    used = client_as(None)
    _sign_in(used, phone)
    assert _is_signed_in(used)
    with app.app_context():
        passkey_id = db.session.scalar(sa.select(Passkey.id))
    laptop.post_form(f"/my-sign-in/passkeys/{passkey_id}/remove")
    assert not _is_signed_in(used)
    assert _is_signed_in(laptop)  # signed in with a password: not ended
    assert _sign_in(client_as(None), phone).status_code == 400
    with app.app_context():
        kinds = db.session.scalars(sa.select(SecurityEvent.kind)).all()
    assert "passkey_added" in kinds and "passkey_removed" in kinds


def test_nobody_can_remove_someone_elses_passkey(app, client_as, member):
    _add(client_as("member"), SoftAuthenticator())
    with app.app_context():
        passkey_id = db.session.scalar(sa.select(Passkey.id))
    client_as("staff").post_form(f"/my-sign-in/passkeys/{passkey_id}/remove")
    with app.app_context():
        assert db.session.get(Passkey, passkey_id) is not None


def test_a_passkey_for_a_turned_off_account_does_not_work(app, client_as, member):
    phone = SoftAuthenticator()
    _add(client_as("member"), phone)
    client_as("staff").post_form(f"/people/{member.id}/active", {"active": "0"})
    assert _sign_in(client_as(None), phone).status_code == 400


def test_a_passkey_from_another_site_is_refused(client_as, member):
    _add(client_as("member"), SoftAuthenticator())
    elsewhere = SoftAuthenticator(origin="http://evil.example", rp_id="evil.example")
    fresh = client_as("member")
    options = fresh.post("/my-sign-in/passkeys/options", headers=_csrf(fresh)).get_json()
    response = fresh.post(
        "/my-sign-in/passkeys",
        json={"credential": elsewhere.register(options)},
        headers=_csrf(fresh),
    )
    assert response.status_code == 400


def test_staff_with_a_passkey_sign_in_with_it_when_required(app, client_as, staff, monkeypatch):
    monkeypatch.setitem(app.config, "STAFF_REQUIRE_PASSKEY", True)
    phone = SoftAuthenticator()
    _add(client_as("staff"), phone)
    fresh = client_as(None)
    assert _sign_in(fresh, phone).status_code == 200
    assert "You are signed in as Jo Patel" in fresh.get("/").get_data(as_text=True)


def test_asking_for_passkey_options_never_resets_a_password_sign_in(client, member):
    """The sign-in page asks for options in the background when the username box is used. If
    that answer arrives after the password sign-in, it must not bring the old cookie back."""
    client.get("/sign-in")
    token = client.csrf_token()
    before = client.get_cookie("cg_session").value
    client.sign_in_as(member)
    assert _is_signed_in(client)
    signed_in = client.get_cookie("cg_session").value

    # The background request was sent with the cookie from before the sign-in.
    client.set_cookie("cg_session", before)
    late = client.post("/sign-in/passkey/options", headers={"X-CSRFToken": token})
    assert late.status_code == 200
    assert not any("cg_session=" in h for h in late.headers.getlist("Set-Cookie"))

    client.set_cookie("cg_session", signed_in)
    assert _is_signed_in(client)


def test_a_challenge_works_from_another_browser_only_once(client_as, member):
    """Challenges live in the database, not the cookie: a worker that did not make one can check
    it, and a replay from anywhere is refused."""
    phone = SoftAuthenticator()
    _add(client_as("member"), phone)
    asked = client_as(None)
    options = asked.post("/sign-in/passkey/options", headers=_csrf(asked)).get_json()
    answer = phone.sign_in(options)
    other = client_as(None)
    assert (
        other.post(
            "/sign-in/passkey", json={"credential": answer}, headers=_csrf(other)
        ).status_code
        == 200
    )
    again = asked.post("/sign-in/passkey", json={"credential": answer}, headers=_csrf(asked))
    assert again.status_code == 400


def test_a_challenge_made_for_signing_in_cannot_add_a_passkey(app, client_as, member):
    client = client_as("member")
    options = client.post("/sign-in/passkey/options", headers=_csrf(client)).get_json()
    options.update(
        rp={"id": options["rpId"], "name": "Common Ground"},
        user={"id": "AAAA", "name": "sam", "displayName": "Sam"},
    )
    response = client.post(
        "/my-sign-in/passkeys",
        json={"credential": SoftAuthenticator().register(options)},
        headers=_csrf(client),
    )
    assert response.status_code == 400
    assert _count(app, Passkey) == 0


def test_a_challenge_made_for_one_person_cannot_add_a_passkey_for_another(app, client_as, member):
    asked = client_as("member")
    options = asked.post("/my-sign-in/passkeys/options", headers=_csrf(asked)).get_json()
    other = client_as("co_trainer")
    response = other.post(
        "/my-sign-in/passkeys",
        json={"credential": SoftAuthenticator().register(options)},
        headers=_csrf(other),
    )
    assert response.status_code == 400
    assert _count(app, Passkey) == 0


def test_an_old_challenge_is_refused_and_cleared_away(app, client_as, member, monkeypatch):
    phone = SoftAuthenticator()
    _add(client_as("member"), phone)
    fresh = client_as(None)
    options = fresh.post("/sign-in/passkey/options", headers=_csrf(fresh)).get_json()
    later = utcnow() + passkeys.CHALLENGE_LIFETIME + timedelta(minutes=1)
    monkeypatch.setattr(passkeys, "utcnow", lambda: later)
    answer = phone.sign_in(options)
    assert (
        fresh.post(
            "/sign-in/passkey", json={"credential": answer}, headers=_csrf(fresh)
        ).status_code
        == 400
    )
    # The next challenge given out clears the old one away.
    fresh.post("/sign-in/passkey/options", headers=_csrf(fresh))
    assert _count(app, PasskeyChallenge) == 1


def test_an_answer_without_client_data_is_refused(client_as):
    fresh = client_as(None)
    for credential in ({}, {"id": "x", "response": {}}, {"response": {"clientDataJSON": "!!"}}, []):
        response = fresh.post(
            "/sign-in/passkey", json={"credential": credential}, headers=_csrf(fresh)
        )
        assert response.status_code == 400
