"""Kept words belong to their writer (issue 12): kept only when that person's own sign-in
ended on this browser, shown only to them, and never bigger than a person can type."""

from __future__ import annotations

import pytest

from portal.accounts import kept_forms as kept_module
from tests.factories import create_board, create_user
from tests.security.signin_helpers import end_sign_ins, forms_are_too_old, kept_forms

WORDS = "The lift at the station is broken again"


@pytest.fixture
def board(app):
    return create_board()


def _raise(client, board, csrf, **fields):
    data = {"title": WORDS, "step": "1", "csrf_token": csrf, **fields}
    return client.post(f"/concerns/boards/{board.id}/raise", data=data)


def test_words_are_kept_for_the_person_whose_sign_in_ended(app, client, member, board):
    client.sign_in_as(member)
    csrf = client.csrf_token()
    end_sign_ins(app, member.id, expire=True)  # the visit ran out while he typed
    assert _raise(client, board, csrf).location == "/sign-in?next=/send-again"
    [kept] = kept_forms(app)
    assert kept.user_id == member.id
    assert ("title", WORDS) in [tuple(pair) for pair in kept.fields]


def test_a_visitor_who_never_signed_in_keeps_nothing(app, client, board):
    response = _raise(client, board, client.csrf_token())
    assert response.location == "/sign-in"
    assert kept_forms(app) == []
    assert client.get("/send-again").location.startswith("/sign-in")


def test_on_a_shared_computer_the_next_person_sees_nothing(app, client, member, board):
    """Sam's visit ends while he types; Kim signs in on the same browser."""
    kim = create_user(username="kim", display_name="Kim Lee")
    client.sign_in_as(member)
    csrf = client.csrf_token()
    end_sign_ins(app, member.id)
    _raise(client, board, csrf)
    assert len(kept_forms(app)) == 1
    response = client.sign_in_as(kim)
    assert response.location == "/"
    assert client.get("/send-again").location == "/"
    assert WORDS not in client.get("/").get_data(as_text=True)
    assert kept_forms(app) == []  # Sam's words are not kept for anyone now


def test_kept_words_are_offered_only_to_their_writer(app, client, member, board):
    """Even holding the token, another person signed in is not shown them."""
    kim = create_user(username="kim", display_name="Kim Lee")
    client.sign_in_as(member)
    csrf = client.csrf_token()
    end_sign_ins(app, member.id)
    _raise(client, board, csrf)
    with client.session_transaction() as session:
        token = session[kept_module.SESSION_KEY]
    other = app.test_client()
    other.sign_in_as(kim)
    with other.session_transaction() as session:
        session[kept_module.SESSION_KEY] = token
    assert other.get("/send-again").location == "/"


@pytest.mark.parametrize("sign_out", ["/sign-out", "/my-sign-in/sign-out-everywhere"])
def test_signing_out_throws_the_kept_words_away(app, client, member, board, sign_out):
    client.sign_in_as(member)
    csrf = client.csrf_token()
    end_sign_ins(app, member.id)
    _raise(client, board, csrf)
    client.sign_in_as(member)
    assert len(kept_forms(app)) == 1
    client.post_form(sign_out)
    assert kept_forms(app) == []


@pytest.mark.parametrize(
    "extra",
    [
        {"details": "x" * (kept_module.MAX_LETTERS + 1)},
        {f"field{number}": "x" for number in range(kept_module.MAX_FIELDS + 1)},
        {"details": "a NUL\x00byte"},
    ],
    ids=["too many letters", "too many fields", "NUL byte"],
)
def test_a_post_too_big_to_be_typing_keeps_nothing_at_all(app, client, member, board, extra):
    client.sign_in_as(member)
    csrf = client.csrf_token()
    end_sign_ins(app, member.id)
    response = _raise(client, board, csrf, **extra)
    assert response.status_code == 302
    assert response.location == "/sign-in"
    assert kept_forms(app) == []


def test_a_form_open_too_long_after_the_sign_in_ended_keeps_the_words(app, client, member, board):
    client.sign_in_as(member)
    csrf = client.csrf_token()
    end_sign_ins(app, member.id)
    with forms_are_too_old(app):
        assert _raise(client, board, csrf).location == "/sign-in?next=/send-again"
    assert len(kept_forms(app)) == 1


@pytest.mark.parametrize("token", ["", "not-a-token", "IjEyMyI.forged.token"])
def test_a_form_token_that_is_not_ours_keeps_nothing(app, client, member, board, token):
    client.sign_in_as(member)
    end_sign_ins(app, member.id)
    response = _raise(client, board, token)
    assert response.location == "/sign-in"
    assert kept_forms(app) == []


def test_signed_in_a_forged_token_never_shows_the_words_to_send_again(client_as, board):
    response = _raise(client_as("member"), board, "not-a-token")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "We could not send that" in page
    assert WORDS not in page


def test_words_typed_while_helping_are_not_kept_for_the_supporter(app, client, member, board):
    """Kim's visit runs out while she types a concern for Sam: keeping it for Kim would send
    Sam's words later in Kim's own name. Nothing is kept."""
    from tests.people.support_helpers import link, start_helping

    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    chosen = link(member, kim)
    client.sign_in_as(kim)
    start_helping(client, chosen)
    csrf = client.csrf_token()
    end_sign_ins(app, kim.id, expire=True)
    assert _raise(client, board, csrf).location.startswith("/sign-in")
    assert kept_forms(app) == []
