"""Every page has a meta description: its own on the main pages, a shared one elsewhere."""

from __future__ import annotations

import html
import re

import pytest

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')
SHARED = "Meet other members. Say what worries you. Change things together."


def _description(page: str) -> str:
    found = DESCRIPTION.findall(page)
    assert len(found) == 1, found
    return html.unescape(found[0])


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/", "A place for our members."),
        ("/help", "How to get help."),
        ("/credits", "Who made the pictures and the code"),
        ("/sign-in", "Sign in to see what is on"),
    ],
)
def test_main_pages_say_what_they_are_for(client, path, words):
    assert words in _description(client.get(path).get_data(as_text=True))


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/sessions", "Sessions you can come to."),
        ("/sessions/past", "Sessions we had before."),
        ("/concerns", "Concerns are problems in your life."),
        ("/whats-new", "What is new for you"),
        ("/sessions/mine", "The sessions you said you will come to."),
    ],
)
def test_member_pages_say_what_they_are_for(client_as, path, words):
    assert words in _description(client_as("member").get(path).get_data(as_text=True))


def test_other_pages_and_error_pages_have_the_shared_description(client_as):
    member = client_as("member")
    assert _description(member.get("/concerns/mine").get_data(as_text=True)) == SHARED
    missing = member.get("/no-such-page")
    assert missing.status_code == 404
    assert _description(missing.get_data(as_text=True)) == SHARED


def test_descriptions_are_in_welsh(client):
    client.post_form("/language", {"language": "cy"})
    page = client.get("/help").get_data(as_text=True)
    assert _description(page) == (
        "Sut i gael help. Gallwch chi ein ffonio ni neu siarad â'r staff."
    )
