"""The Me page (More, signed out) and the bottom bar that phones show on every page (issue 14)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from portal.extensions import db
from portal.notices.services import notify


class Places(HTMLParser):
    """The links (and sign-out forms) inside <main> and inside each <nav>, by the nav's name."""

    def __init__(self):
        super().__init__()
        self.where: list[str] = []
        self.links: dict[str, list[str]] = {}
        self.current: dict[str, list[str]] = {}
        self.forms: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.where.append("main")
        elif tag == "nav":
            self.where.append(attrs.get("aria-label", "nav"))
        elif self.where and tag == "a":
            self.links.setdefault(self.where[-1], []).append(attrs["href"])
            if attrs.get("aria-current") == "page":
                self.current.setdefault(self.where[-1], []).append(attrs["href"])
        elif self.where and tag == "form":
            self.forms.setdefault(self.where[-1], []).append(attrs["action"])

    def handle_endtag(self, tag):
        if tag in ("main", "nav") and self.where:
            self.where.pop()


def places(client, path: str) -> Places:
    response = client.get(path)
    assert response.status_code == 200
    parser = Places()
    parser.feed(response.get_data(as_text=True))
    return parser


def test_signed_out_the_page_is_more_with_help_sign_in_and_language(client):
    response = client.get("/me")
    page = response.get_data(as_text=True)
    assert "<title>More" in page and page.count("<h1") == 1
    found = places(client, "/me")
    assert set(found.links["main"]) == {"/sign-in", "/help", "/settings", "/open-data/"}
    assert found.forms["main"] == ["/language"]  # the language switch, here on a phone
    assert 'id="me-language-label"' in page and 'id="top-language-label"' in page


def test_the_me_page_has_the_reading_settings_signed_in_and_out(client, client_as):
    assert "/settings" in places(client, "/me").links["main"]
    assert "/settings" in places(client_as("member"), "/me").links["main"]


def test_a_supporter_has_people_you_help_not_my_supporters(app):
    from tests.conftest import PortalClient
    from tests.factories import create_user

    app.test_client_class = PortalClient
    client = app.test_client()
    client.sign_in_as(create_user("supporter", username="kim", display_name="Kim Evans"))
    links = places(client, "/me").links["main"]
    assert "/people/helping" in links and "/people/supporters" not in links


@pytest.mark.parametrize(
    ("role", "work"),
    [
        ("member", set()),
        ("co_trainer", {"/sessions/new"}),
        (
            "staff",
            {
                "/sessions/new",
                "/people",
                "/groups",
                "/security-log",
                "/moderation",
                "/concerns/manage",
                "/people/removals",
                "/report",
            },
        ),
    ],
)
def test_me_lists_what_is_not_in_the_bar_for_each_role(client_as, role, work):
    client = client_as(role)
    page = client.get("/me").get_data(as_text=True)
    assert "<title>Me" in page
    assert "You are signed in as" in page
    found = places(client, "/me")
    mine = {
        "/sessions/mine",
        "/concerns/mine",
        "/learning",
        "/together",
        "/people/supporters",
        "/my-sign-in",
        "/whats-new/email",
        "/settings",
        "/help",
        "/me/my-data",
        "/open-data/",
    }
    assert set(found.links["main"]) == mine | work
    # Sign out and the language, which phones no longer show at the top.
    assert found.forms["main"] == ["/language", "/sign-out"]
    assert "data-sign-out" in page


def test_staff_places_are_two_taps_away_from_the_bar(client_as):
    client = client_as("staff")
    bar = places(client, "/help").links["Main places"]
    assert "/me" in bar
    assert "/people" in places(client, "/me").links["main"]


def test_the_bar_has_the_four_main_places_and_me_with_the_one_you_are_in(client_as):
    client = client_as("member")
    for path in ["/", "/sessions", "/concerns", "/whats-new", "/me"]:
        found = places(client, path)
        assert found.links["Main places"] == ["/", "/sessions", "/concerns", "/whats-new", "/me"]
        assert found.current["Main places"] == [path]
    # A page that is in none of them marks none.
    assert "Main places" not in places(client, "/help").current


def test_signed_out_the_bar_has_what_a_visitor_can_see(client):
    found = places(client, "/help")
    assert found.links["Main places"] == ["/", "/help", "/sign-in", "/me"]
    assert found.current["Main places"] == ["/help"]


def test_the_bar_shows_the_unread_count_and_the_refresh_brings_it(app, client_as, member):
    client = client_as("member")
    with app.app_context():
        notify(member.id, "account_welcome")
        db.session.commit()
    page = client.get("/help").get_data(as_text=True)
    bar = page[page.index('aria-label="Main places"') :]
    assert 'id="bar-notice-count"' in bar and "1 new" in bar
    # The top menu's link polls; its answer carries the bar's link too, out of band.
    fragment = client.get("/whats-new/count", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<a class="menu-link" id="notice-count"')
    assert 'id="bar-notice-count"' in body and 'hx-swap-oob="true"' in body
    assert body.count("1 new") == 2


def test_the_top_menu_reaches_me_on_a_wide_screen(client_as):
    assert "/me" in places(client_as("member"), "/help").links["Menu"]
