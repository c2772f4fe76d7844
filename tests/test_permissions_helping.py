"""The permission matrix for a supporter helping a member: exactly the member's allowed pages,
each only with the scope the member chose, and nothing else (tests/test_permissions.py has the
routes; tests/people/test_supporters.py what happens on them)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PortalClient
from tests.factories import create_user
from tests.people.support_helpers import link
from tests.test_permissions import _rules

ALWAYS = {
    "pages.home",
    "pages.me",
    "pages.help_page",
    "pages.credits",
    "pages.healthz",
    "pages.readyz",
    "words.list_words",
    "words.meaning",
    "words.writing_hints",
    "pages.set_language",
    "signin.sign_out",
    "people.stop_helping_member",
    "open_data.open_data_page",
    "open_data.concerns_csv",
    "open_data.concerns_json",
    "open_data.sessions_ics",
    # Working with no signal: the worker, the manifest and their pages (nothing is kept).
    "offline.service_worker",
    "offline.manifest",
    "offline.offline_page",
    "offline.home_screen_help",
}
SEE = {
    "mydata.my_data",
    "mydata.download_my_data",
    "notices.list_own_notices",
    "notices.open_notice",
    "notices.mark_all_read",
    "notices.count_badge",
    "sessions.list_upcoming",
    "sessions.list_past",
    "sessions.list_mine",
    "sessions.show_session",
    "sessions.session_calendar",
    "agendas.print_agenda",
    "report.together",
}
COMING = {"sessions.set_coming", "sessions.change_help", "sessions.how_was_it"}
CONCERNS = {
    "concerns.list_boards",
    "concerns.show_board",
    "concerns.show_concern",
    "concerns.set_own_support",
    "concerns.add_concern_reply",
    "concerns.change_reply",
    "concerns.remove_reply",
    "concerns.my_concerns",
    "concerns.raise_concern",
    "concerns.post_concern",
    "concerns.stop_raising",
    "concerns.thank_you",
}
AGENDA = {"agendas.suggest_item", "agendas.back_idea"}
SESSION_PAGES = {
    "sessions.list_upcoming",
    "sessions.list_past",
    "sessions.list_mine",
    "sessions.show_session",
    "sessions.session_calendar",
    "agendas.print_agenda",
}
# Pages that end the helping (or the sign-in): each tried last, from a fresh start.
ENDS_HELPING = {"signin.sign_out", "people.stop_helping_member"}
NEVER_WHILE_HELPING = {
    "signin.my_sign_in",
    "notices.email_settings",
    "people.my_supporters",
    "mydata.remove_account_page",
    "mydata.ask_to_remove",
}


def _open_with(scopes: tuple[str, ...]) -> set[str]:
    opened = set(ALWAYS)
    if "see" in scopes:
        opened |= SEE
    if {"coming", "agenda"} & set(scopes):
        opened |= SESSION_PAGES
    if "coming" in scopes:
        opened |= COMING
    if "concerns" in scopes:
        opened |= CONCERNS
    if "agenda" in scopes:
        opened |= AGENDA
    return opened


@pytest.mark.parametrize(
    "scopes", [("see", "coming", "concerns", "agenda"), ("see", "coming"), ("concerns",)]
)
def test_every_route_for_a_supporter_helping(app, member, scopes):
    kim = create_user("supporter", username="kim", display_name="Kim Evans")
    chosen = link(member, kim, scopes=scopes)

    def helping_client() -> PortalClient:
        app.test_client_class = PortalClient
        client = app.test_client()
        client.sign_in_as(kim)
        assert client.post_form(f"/people/helping/{chosen.id}/start").status_code == 302
        return client

    client = helping_client()
    opened = _open_with(scopes)
    assert not opened & NEVER_WHILE_HELPING
    for rule in sorted(_rules(app), key=lambda rule: rule.endpoint in ENDS_HELPING):
        url = re.sub(r"<int:\w+>", str(member.id), rule.rule)
        asker = helping_client() if rule.endpoint in ENDS_HELPING else client
        token = asker.csrf_token()
        if "GET" in rule.methods:
            response = asker.get(url)
        else:
            response = asker.post(url, data={"csrf_token": token})
        label = f"{scopes} {sorted(rule.methods - {'HEAD', 'OPTIONS'})} {url}"
        body = response.get_data(as_text=True)
        if rule.endpoint in opened:
            assert response.status_code != 403, label
            assert not (response.status_code == 302 and "/sign-in" in response.location), label
        else:
            assert response.status_code == 403, label
            assert "You cannot do this while you help" in body, label
        if rule.endpoint not in ENDS_HELPING:
            assert "You are helping" in asker.get("/help").get_data(as_text=True), label
