"""Signing in and out with a username and password."""

from __future__ import annotations

import sqlalchemy as sa

from portal.accounts.models import DeviceSession
from portal.extensions import db
from tests.factories import create_user
from tests.security.signin_helpers import end_sign_ins, forms_are_too_old


def _device_sessions(app, user_id):
    with app.app_context():
        return list(
            db.session.scalars(sa.select(DeviceSession).where(DeviceSession.user_id == user_id))
        )


def test_sign_in_page_has_fields_a_password_manager_understands(client):
    page = client.get("/sign-in").get_data(as_text=True)
    # "webauthn" also offers passkeys in the username box.
    assert 'autocomplete="username webauthn"' in page
    assert 'autocomplete="current-password"' in page
    assert "onpaste" not in page  # paste always allowed
    assert "captcha" not in page.lower()


def test_member_signs_in_and_sees_their_name(client, member):
    response = client.post_form("/sign-in", {"username": "sam", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert response.location == "/"
    home = client.get("/").get_data(as_text=True)
    assert "You are signed in as Sam Jones." in home


def test_username_is_not_case_sensitive_and_spaces_are_ignored(client, member):
    response = client.post_form(
        "/sign-in", {"username": "  SAM ", "password": "a-long-test-password"}
    )
    assert response.status_code == 302


def test_wrong_password_keeps_the_username_and_explains(client, member):
    response = client.post_form("/sign-in", {"username": "sam", "password": "wrong-password"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The username or password is not right." in page
    assert 'value="sam"' in page
    assert "wrong-password" not in page  # a password is never written back into the page


def test_unknown_user_gets_the_same_message_as_a_wrong_password(client):
    page = client.post_form("/sign-in", {"username": "nobody", "password": "whatever-it-is"})
    assert "The username or password is not right." in page.get_data(as_text=True)


def test_empty_form_says_what_to_type(client):
    page = client.post_form("/sign-in", {"username": "", "password": ""}).get_data(as_text=True)
    assert "Type your username." in page
    assert "Type your password." in page
    assert 'aria-invalid="true"' in page


def test_turned_off_account_cannot_sign_in(client):
    create_user(username="gone", active=False)
    page = client.post_form("/sign-in", {"username": "gone", "password": "a-long-test-password"})
    assert page.status_code == 200
    assert "The username or password is not right." in page.get_data(as_text=True)


def test_session_cookie_changes_at_sign_in(client, member):
    client.get("/sign-in")
    before = client.get_cookie("cg_session")
    client.sign_in_as(member)
    after = client.get_cookie("cg_session")
    assert after is not None
    assert before is None or before.value != after.value


def test_sign_in_records_a_device_session_storing_only_a_hash(app, client, member):
    client.sign_in_as(member)
    sessions = _device_sessions(app, member.id)
    assert len(sessions) == 1
    cookie = client.get_cookie("cg_session").value
    assert sessions[0].token_hash not in cookie
    assert len(sessions[0].token_hash) == 64


def test_keep_me_signed_in_sets_a_long_remember_cookie(client, member):
    client.sign_in_as(member, remember=True)
    remember = client.get_cookie("cg_remember")
    assert remember is not None
    assert remember.http_only
    assert remember.expires is not None


def test_without_keep_me_signed_in_there_is_no_remember_cookie(client, member):
    client.sign_in_as(member)
    assert client.get_cookie("cg_remember") is None


def test_sign_out_ends_the_session_on_the_server(app, client, member):
    client.sign_in_as(member)
    cookie = client.get_cookie("cg_session").value
    response = client.post_form("/sign-out")
    assert response.status_code == 302
    assert "You are signed in as" not in client.get("/").get_data(as_text=True)
    # Replaying the old cookie does not sign anyone back in.
    client.set_cookie("cg_session", cookie)
    assert "You are signed in as" not in client.get("/").get_data(as_text=True)
    assert all(s.ended_at is not None for s in _device_sessions(app, member.id))


def test_the_page_after_signing_out_names_who_left_once(client, member):
    client.sign_in_as(member)
    client.post_form("/sign-out")
    after = client.get("/").get_data(as_text=True)
    assert f'data-signed-out-person="{member.id}"' in after  # kept-words.js throws their words away
    assert "data-signed-out-person" not in client.get("/").get_data(as_text=True)


def test_sign_out_needs_a_post(client, member):
    client.sign_in_as(member)
    assert client.get("/sign-out").status_code == 405


def test_next_goes_back_to_the_page_asked_for(client, staff):
    response = client.get("/people")
    assert response.status_code == 302
    assert "/sign-in?next=%2Fpeople" in response.location
    csrf = client.csrf_token()
    response = client.post(
        "/sign-in?next=/people",
        data={"username": "jo", "password": "a-long-test-password", "csrf_token": csrf},
    )
    assert response.location == "/people"


def test_next_never_leaves_the_site(client, member):
    csrf = client.csrf_token()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post(
            f"/sign-in?next={target}",
            data={"username": "sam", "password": "a-long-test-password", "csrf_token": csrf},
        )
        assert response.location == "/", target
        client.post_form("/sign-out")
        csrf = client.csrf_token()


def test_signed_in_person_visiting_sign_in_goes_home(client, member):
    client.sign_in_as(member)
    assert client.get("/sign-in").location == "/"


def test_many_wrong_passwords_get_an_easy_read_answer_that_keeps_the_username(app, client, member):
    """Only wrong passwords count (tests/security has the attacks); the answer is easy read."""
    limit = int(app.config["SIGN_IN_PASSWORD_ACCOUNT_LIMIT"].split()[0])
    csrf = client.csrf_token()
    statuses = [
        client.post(
            "/sign-in", data={"username": "sam", "password": "nope-nope-nope", "csrf_token": csrf}
        ).status_code
        for _ in range(limit + 1)
    ]
    assert statuses == [200] * limit + [429]
    page = client.post(
        "/sign-in", data={"username": "sam", "password": "x", "csrf_token": csrf}
    ).get_data(as_text=True)
    assert "So we paused this password for a while." in page
    assert "Sign in with your card, a passkey or an email link." in page
    assert 'value="sam"' in page and 'aria-invalid="true"' in page


def test_signed_out_while_typing_keeps_the_words_through_sign_in(app, client, staff):
    """Her sign-in ended (signed out on another computer) before she pressed the button."""
    client.sign_in_as(staff)
    csrf = client.csrf_token()
    end_sign_ins(app, staff.id)
    typed = {"display_name": "Megan Ball", "username": "megan", "role": "member",
             "language": "en", "password": "secret-password-typed", "csrf_token": csrf}  # fmt: skip
    response = client.post("/people/new", data=typed)
    assert response.status_code == 302
    assert response.location == "/sign-in?next=/send-again"
    cookie = client.get_cookie("cg_session").value
    assert "Megan" not in cookie  # the words are on the server, not in the cookie

    response = client.post(
        "/sign-in?next=/send-again",
        data={
            "username": "jo",
            "password": "a-long-test-password",
            "csrf_token": client.csrf_token(),
        },
    )
    assert response.location == "/send-again"
    page = client.get("/send-again").get_data(as_text=True)
    assert "We kept what you typed" in page
    assert 'value="Megan Ball"' in page
    assert 'action="/people/new"' in page
    assert "secret-password-typed" not in page


def test_a_form_too_old_after_the_session_ended_keeps_the_words_too(app, client, staff):
    client.sign_in_as(staff)
    csrf = client.csrf_token()
    end_sign_ins(app, staff.id, expire=True)
    with forms_are_too_old(app):
        response = client.post(
            "/people/new", data={"display_name": "Megan Ball", "csrf_token": csrf}
        )
    assert response.status_code == 302
    assert response.location == "/sign-in?next=/send-again"
