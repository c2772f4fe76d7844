"""`next` values and query keys from the address cannot break a redirect or a link."""

from __future__ import annotations

import io
import re

import pytest

from portal.urls import safe_next


@pytest.mark.parametrize(
    "target",
    ["/help\nSet-Cookie: x=1", "/help\r\n", "/a\x00b", "/\t/evil.example", "/a\x7f", "/a\\b"],
)
def test_safe_next_ignores_control_characters_and_backslashes(target):
    assert safe_next(target) is None


def test_safe_next_keeps_an_ordinary_path():
    assert safe_next("/sessions/3?page=2#coming") == "/sessions/3?page=2#coming"


@pytest.mark.parametrize("target", ["/help\nX-Injected: yes", "/help\r\nLocation: //evil"])
def test_the_language_switch_with_a_line_break_in_next_goes_home(client, target):
    response = client.post_form("/language", {"language": "cy", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "X-Injected" not in response.headers


def test_moderation_log_links_carry_only_its_own_filters(client_as):
    response = client_as("staff").get(
        "/moderation/log?action=hide&_external=1&_scheme=javascript&_anchor=x&_method=POST&evil=1"
    )
    links = re.findall(r'href="([^"]*)"', response.get_data(as_text=True))
    assert response.status_code == 200
    assert "/moderation/log.csv?action=hide" in links
    for link in links:
        for word in ("_external", "javascript:", "#x", "evil=1"):
            assert word not in link


def test_a_file_where_a_form_expects_text_is_refused_plainly(client, member):
    response = client.post(
        "/sign-in",
        data={
            "csrf_token": client.csrf_token(),
            "username": (io.BytesIO(b"sam"), "name.txt"),
            "password": (io.BytesIO(b"secret"), "password.txt"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code in (200, 422)
    assert "<html" in response.get_data(as_text=True)


def test_an_odd_request_gets_the_easy_read_400_page(client_as):
    response = client_as("staff").post_form("/moderation/bulk", {"action": "nonsense"})
    assert response.status_code == 400
    assert "We could not read that" in response.get_data(as_text=True)
