"""The one htmx answer (portal/htmx.py): Vary on every response, and a piece that is the
same markup as the page shows, because it is a block of that page's own template."""

import re

from portal.htmx import answer
from tests.conftest import htmx_headers


def test_every_response_varies_on_htmx(client, client_as):
    for response in (
        client.get("/sign-in"),
        client.get("/no-such-page"),
        client.get("/"),
        client.get("/static/css/portal.css"),
        client_as("member").post("/notices/read", headers=htmx_headers()),
    ):
        assert "HX-Request" in response.headers.get("Vary", ""), response.request.path


def _row(html: str, person_id: int) -> str:
    match = re.search(rf'<li class="[^"]*" id="person-{person_id}">.*?</li>', html, re.S)
    assert match, html
    without_message = re.sub(r'<p class="message[^"]*" role="status">.*?</p>', "", match[0])
    # A form token carries the second it was made: two requests a second apart differ there.
    without_token = re.sub(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}", "TOKEN", without_message)
    return " ".join(without_token.split())


def test_a_row_sent_to_htmx_is_the_row_the_page_shows(client_as, users_by_role):
    staff_client = client_as("staff")
    member = users_by_role["member"]
    fragment = staff_client.post_form(
        f"/people/{member.id}/active", {"active": "0"}, headers=htmx_headers()
    ).get_data(as_text=True)
    assert "<html" not in fragment and "cannot sign in now" in fragment
    page = staff_client.get("/people").get_data(as_text=True)
    assert _row(fragment, member.id) == _row(page, member.id)


def test_answer_builds_costly_values_only_for_htmx(app):
    asked = []

    def costly():
        asked.append(True)
        return {"person": None}

    with app.test_request_context("/", method="POST"):
        app.preprocess_request()  # htmx-flask reads the headers here
        response = answer(
            "people/list_people.html", "person_row", to="/people", lazy_context=costly
        )
    assert response.status_code == 302 and response.location == "/people" and asked == []
