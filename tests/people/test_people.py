"""Staff look after accounts: list and find, add, change, turn off and on, new password."""

from __future__ import annotations

from portal.accounts.models import Role, User
from tests.conftest import htmx_headers
from tests.factories import create_user, fetch

NEW_PERSON = {
    "display_name": "Rhys Owen",
    "username": "rhys",
    "role": "member",
    "language": "cy",
    "password": "a-brand-new-password",
}


def test_staff_see_everyone_in_name_order(client_as, users_by_role):
    page = client_as("staff").get("/people").get_data(as_text=True)
    assert page.index("Alex Rivera") < page.index("Jo Patel") < page.index("Sam Jones")
    assert "3 people" in page


def test_search_full_page_and_htmx_fragment(client_as, users_by_role):
    client = client_as("staff")
    full = client.get("/people?q=SAM")
    assert "<html" in full.get_data(as_text=True)
    assert "Sam Jones" in full.get_data(as_text=True)
    assert "Jo Patel" not in full.get_data(as_text=True)
    assert "HX-Request" in full.headers["Vary"]

    fragment = client.get("/people?q=patel", headers=htmx_headers())
    body = fragment.get_data(as_text=True)
    assert "<html" not in body
    assert body.strip().startswith('<div id="people-list"')
    assert "Jo Patel" in body and "Sam Jones" not in body
    assert "HX-Request" in fragment.headers["Vary"]


def test_boosted_or_history_restore_requests_get_the_full_page(client_as, users_by_role):
    client = client_as("staff")
    boosted = client.get("/people", headers=htmx_headers(**{"HX-Boosted": "true"}))
    restore = client.get("/people", headers=htmx_headers(**{"HX-History-Restore-Request": "true"}))
    assert "<html" in boosted.get_data(as_text=True)
    assert "<html" in restore.get_data(as_text=True)


def test_search_with_no_match_says_so(client_as, users_by_role):
    page = client_as("staff").get("/people?q=zzz").get_data(as_text=True)
    assert "Nobody matches that search." in page


def test_staff_add_a_member_who_can_then_sign_in(app, client_as, users_by_role):
    client = client_as("staff")
    response = client.post_form("/people/new", NEW_PERSON)
    assert response.status_code == 302
    assert "Rhys Owen now has an account." in client.get("/people").get_data(as_text=True)

    newcomer = client_as(None)
    newcomer.post_form("/sign-in", {"username": "rhys", "password": "a-brand-new-password"})
    home = newcomer.get("/").get_data(as_text=True)
    assert '<html lang="cy"' in home  # their chosen language


def test_add_person_bad_input_keeps_what_was_typed(client_as, users_by_role):
    client = client_as("staff")
    bad = dict(NEW_PERSON, username="sam", password="short")
    page = client.post_form("/people/new", bad).get_data(as_text=True)
    assert "Someone already has this username." in page
    assert "Use 12 letters or more." in page
    assert 'value="Rhys Owen"' in page
    assert "short" not in page.split("<main", 1)[1].split("Use 12")[0].replace("short-", "")


def test_add_person_rejects_odd_usernames_and_blank_names(client_as, users_by_role):
    client = client_as("staff")
    page = client.post_form(
        "/people/new", dict(NEW_PERSON, display_name="   ", username="Bad Name!")
    ).get_data(as_text=True)
    assert "Type a name." in page
    assert "Use 2 to 40 small letters or numbers." in page


def test_staff_change_a_role(client_as, users_by_role):
    member = users_by_role["member"]
    client = client_as("staff")
    form = {"display_name": "Sam Jones", "username": "sam", "role": "co_trainer", "language": "en"}
    assert client.post_form(f"/people/{member.id}", form).status_code == 302
    assert fetch(User, member.id).role == Role.CO_TRAINER


def test_staff_cannot_remove_their_own_staff_role(client_as, users_by_role):
    staff = users_by_role["staff"]
    client = client_as("staff")
    form = {"display_name": "Jo Patel", "username": "jo", "role": "member", "language": "en"}
    page = client.post_form(f"/people/{staff.id}", form).get_data(as_text=True)
    assert "You cannot take away your own staff role." in page
    assert fetch(User, staff.id).role == Role.STAFF


def test_turning_off_signs_the_person_out_everywhere(client_as, users_by_role):
    member_client = client_as("member")
    assert "You are signed in as Sam Jones." in member_client.get("/").get_data(as_text=True)

    staff_client = client_as("staff")
    member = users_by_role["member"]
    response = staff_client.post_form(f"/people/{member.id}/active", {"active": "0"})
    assert response.status_code == 302
    assert "HX-Request" in response.headers["Vary"]
    assert fetch(User, member.id).active is False
    assert "You are signed in as" not in member_client.get("/").get_data(as_text=True)

    staff_client.post_form(f"/people/{member.id}/active", {"active": "1"})
    assert fetch(User, member.id).active is True


def test_turn_off_with_htmx_returns_the_same_row(client_as, users_by_role):
    member = users_by_role["member"]
    client = client_as("staff")
    response = client.post_form(
        f"/people/{member.id}/active", {"active": "0"}, headers=htmx_headers()
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.startswith(f'<li class="card person is-off" id="person-{member.id}"')
    assert "<html" not in body
    assert "Sam Jones cannot sign in now." in body
    assert "Turn on account for <bdi>Sam Jones</bdi>" in body


def test_staff_cannot_turn_off_their_own_account(client_as, users_by_role):
    staff = users_by_role["staff"]
    client = client_as("staff")
    page = client.get("/people").get_data(as_text=True)
    assert "This is you." in page
    assert "Turn off account for <bdi>" in page  # other people have the button
    assert "Turn off account for <bdi>Jo Patel</bdi>" not in page
    body = client.post_form(
        f"/people/{staff.id}/active", {"active": "0"}, headers=htmx_headers()
    ).get_data(as_text=True)
    assert "You cannot turn off your own account." in body
    assert fetch(User, staff.id).active is True


def test_staff_give_a_new_password(client_as, users_by_role):
    member = users_by_role["member"]
    client = client_as("staff")
    short = client.post_form(f"/people/{member.id}/password", {"password": "tiny"})
    assert short.status_code == 422
    assert "Use 12 letters or more." in short.get_data(as_text=True)
    good = client.post_form(f"/people/{member.id}/password", {"password": "another-long-password"})
    assert good.status_code == 302
    fresh = client_as(None)
    fresh.post_form("/sign-in", {"username": "sam", "password": "another-long-password"})
    assert "You are signed in as Sam Jones." in fresh.get("/").get_data(as_text=True)


def test_unknown_person_is_a_friendly_404(client_as, users_by_role):
    response = client_as("staff").get("/people/99999")
    assert response.status_code == 404
    assert "We cannot find this page" in response.get_data(as_text=True)


def test_names_with_html_are_shown_as_text(client_as, users_by_role):
    create_user(display_name="<script>alert(1)</script> Ana", username="ana")
    page = client_as("staff").get("/people").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ana" in page


def test_right_to_left_and_accented_names_display(client_as, users_by_role):
    create_user(display_name="Siân Llŷr", username="sian")
    create_user(display_name="مريم", username="maryam")
    page = client_as("staff").get("/people").get_data(as_text=True)
    assert "Siân Llŷr" in page and "مريم" in page


def test_a_role_that_is_not_offered_is_refused_in_easy_read(client_as, users_by_role):
    page = client_as("staff").post_form("/people/new", dict(NEW_PERSON, role="admin"))
    assert "Choose one from the list." in page.get_data(as_text=True)
