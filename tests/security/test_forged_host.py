"""A forged Host or X-Forwarded-Host never changes where our links point, and is refused.

Every link that leaves the site (sign-in emails, card QR codes, calendar addresses, notice
emails) is built from PORTAL_URL. To prove the links do not rely on the host check, most tests
here switch the check off (TRUSTED_HOSTS None, as in development) and forge the host anyway.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import create_app
from portal.config import SettingsError
from portal.signin import cards
from portal.signin.cards import ALPHABET
from tests.conftest import CSRF_PATTERN
from tests.factories import book, create_session, create_user

OWN = "https://portal.example.org"
FORGED = {"Host": "evil.example"}
FORWARDED = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_address(app, monkeypatch):
    """The portal lives at OWN; the host check is off, so forged hosts reach the views."""
    monkeypatch.setitem(app.config, "PORTAL_URL", OWN)
    monkeypatch.setitem(app.config, "TRUSTED_HOSTS", None)


@pytest.fixture
def behind_one_proxy(app, monkeypatch):
    """The app as production runs it behind one proxy (PROXY_FIX_HOPS=1)."""
    from portal.security import trust_the_proxy

    monkeypatch.setattr(app, "wsgi_app", app.wsgi_app)  # put back after the test
    monkeypatch.setitem(app.config, "PROXY_FIX_HOPS", 1)
    trust_the_proxy(app)


def _signed_in_at_the_forged_host(client):
    """Browsers keep cookies per host: this one also sends them to the forged host."""
    for cookie in list(client._cookies.values()):
        client.set_cookie(cookie.key, cookie.value, domain="evil.example", path=cookie.path)
    return client


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


@pytest.mark.parametrize("headers", [FORGED, FORWARDED], ids=["Host", "X-Forwarded-Host"])
def test_the_sign_in_email_link_points_at_portal_url(
    app, client, smtp_server, own_address, behind_one_proxy, headers
):
    create_user(username="sam", email="sam@example.org")
    form = client.get("/sign-in/email", headers=headers).get_data(as_text=True)
    token = CSRF_PATTERN.search(form).group(1)
    data = {"email": "sam@example.org", "csrf_token": token}
    assert client.post("/sign-in/email", data=data, headers=headers).status_code == 200
    (message,) = smtp_server.to("sam@example.org")
    links = _links(smtp_server.body(message))
    assert links and all(link.startswith(f"{OWN}/sign-in/email/") for link in links)


@pytest.mark.parametrize("headers", [FORGED, FORWARDED], ids=["Host", "X-Forwarded-Host"])
def test_the_card_qr_code_points_at_portal_url(
    app, client_as, users_by_role, own_address, behind_one_proxy, headers
):
    member = users_by_role["member"]
    staff = _signed_in_at_the_forged_host(client_as("staff"))
    page = staff.post_form(f"/people/{member.id}/cards", headers=headers).get_data(as_text=True)
    code = re.search(rf"<kbd>([{ALPHABET}]{{4}} [{ALPHABET}]{{4}})</kbd>", page).group(1)
    with app.app_context():
        drawn_for_own = cards.qr_svg(f"{OWN}/card/{code.replace(' ', '')}")
    assert str(drawn_for_own) in page
    assert "evil.example" not in page


@pytest.mark.parametrize("headers", [FORGED, FORWARDED], ids=["Host", "X-Forwarded-Host"])
def test_the_calendar_address_and_file_point_at_portal_url(
    client_as, users_by_role, own_address, behind_one_proxy, headers
):
    session = create_session()
    book(session.id, users_by_role["member"].id)
    member = _signed_in_at_the_forged_host(client_as("member"))
    page = member.get("/sessions/mine", headers=headers).get_data(as_text=True)
    feed_url = re.search(r'id="feed-url"[^>]*value="([^"]+)"', page).group(1)
    assert feed_url.startswith(f"{OWN}/sessions/calendar/")
    ics = member.get(feed_url.removeprefix(OWN), headers=headers).get_data(as_text=True)
    ics = ics.replace("\r\n ", "")  # calendar files fold long lines
    assert f"URL:{OWN}/sessions/{session.id}" in ics
    assert f"UID:session-{session.id}@portal.example.org" in ics
    assert "evil.example" not in ics


def test_a_notice_email_points_at_portal_url_even_inside_a_forged_request(
    app, smtp_server, own_address
):
    from portal.accounts.models import NoticeEmail, User
    from portal.extensions import db
    from portal.notices.email import send_due_emails
    from portal.notices.services import notify
    from portal.timeutil import utcnow

    rhys = create_user(username="rhys", email="rhys@example.org")
    with app.app_context():
        db.session.get(User, rhys.id).notice_email = NoticeEmail.EACH
        notify(rhys.id, "account_welcome", link="/help")
        db.session.commit()
    with app.test_request_context("/", headers=FORGED):
        assert send_due_emails(utcnow()).sent == 1
    (message,) = smtp_server.to("rhys@example.org")
    links = _links(smtp_server.body(message)) + _links(message["List-Unsubscribe"])
    assert len(links) >= 2
    assert all(link.startswith(f"{OWN}/") for link in links)


def test_in_production_a_forged_host_gets_a_short_400(client):
    assert client.get("/help").status_code == 200
    refused = client.get("/help", headers=FORGED)
    assert refused.status_code == 400
    assert refused.mimetype == "text/plain"
    assert "This address is not for this website." in refused.get_data(as_text=True)
    posted = client.post("/sign-in/email", data={"email": "sam@example.org"}, headers=FORGED)
    assert posted.status_code == 400


def test_behind_a_proxy_x_forwarded_host_is_ignored_not_believed(client, behind_one_proxy):
    wrapper = client.application.wsgi_app
    assert isinstance(wrapper, ProxyFix)
    assert (wrapper.x_for, wrapper.x_proto, wrapper.x_host) == (1, 1, 0)
    page = client.get("/help", headers=FORWARDED)
    assert page.status_code == 200  # the Host header, ours, is the one checked


def _production_app(monkeypatch, **environment: str):
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    for name in ("PORTAL_URL", "TRUSTED_HOSTS", "PORTAL_ALLOW_HTTP"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_only_answers_to_portal_urls_host(monkeypatch):
    production = _production_app(monkeypatch, PORTAL_URL=OWN)
    assert production.config["TRUSTED_HOSTS"] == ["portal.example.org"]
    client = production.test_client()
    assert client.get("/help", base_url=OWN).status_code == 200
    assert client.get("/help", base_url="https://evil.example").status_code == 400
    assert client.get("/help", base_url=OWN, headers=FORGED).status_code == 400


def test_trusted_hosts_can_name_more_hosts(monkeypatch):
    production = _production_app(
        monkeypatch, PORTAL_URL=OWN, TRUSTED_HOSTS="portal.example.org, www.example.org"
    )
    assert production.config["TRUSTED_HOSTS"] == ["portal.example.org", "www.example.org"]
    assert (
        production.test_client().get("/help", base_url="https://www.example.org").status_code == 200
    )


@pytest.mark.parametrize(
    ("environment", "says"),
    [
        ({}, "Set PORTAL_URL"),
        ({"PORTAL_URL": "portal.example.org"}, "Set PORTAL_URL"),
        ({"PORTAL_URL": "http://portal.example.org"}, "must start with https://"),
        ({"PORTAL_URL": OWN, "TRUSTED_HOSTS": "other.example.org"}, "TRUSTED_HOSTS must include"),
    ],
)
def test_production_refuses_to_start_without_a_safe_portal_url(monkeypatch, environment, says):
    with pytest.raises(SettingsError, match=says):
        _production_app(monkeypatch, **environment)


def test_http_in_production_needs_the_explicit_override(monkeypatch):
    production = _production_app(
        monkeypatch, PORTAL_URL="http://portal.example.org", PORTAL_ALLOW_HTTP="1"
    )
    assert production.config["PORTAL_URL"] == "http://portal.example.org"


def test_development_keeps_the_make_run_address_and_any_host(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.delenv("PORTAL_URL", raising=False)
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    development = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert development.config["PORTAL_URL"] == "http://127.0.0.1:5000"
    assert development.config["TRUSTED_HOSTS"] is None
    assert development.test_client().get("/help", base_url="http://localhost").status_code == 200


# Passkeys must name the host the browser is really on (WebAuthn checks it); in production
# that host has passed TRUSTED_HOSTS, and nothing built from it leaves the site. The cross-site
# check only compares a post's Origin with the host it was sent to, as a same-origin check must.
MAY_READ_THE_REQUEST_HOST = {
    ROOT / "portal" / "signin" / "passkeys.py",
    ROOT / "portal" / "accounts" / "cross_site.py",
}
FROM_THE_REQUEST = re.compile(r"request\.(host|host_url|url_root|root_url|base_url|url)\b")


def _lines(pattern: re.Pattern, skip: set[Path]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("portal", "templates")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".html", ".txt") and path not in skip
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]


def test_only_portal_urls_builds_a_full_address():
    assert _lines(re.compile(r"_external"), {ROOT / "portal" / "urls.py"}) == []


def test_no_address_is_taken_from_the_request():
    assert _lines(FROM_THE_REQUEST, MAY_READ_THE_REQUEST_HOST) == []


def test_the_wrong_host_answer_is_in_welsh_for_welsh_readers(client):
    refused = client.get("/help", headers={**FORGED, "Accept-Language": "cy"})
    assert refused.status_code == 400
    assert "Dydy'r cyfeiriad hwn ddim ar gyfer y wefan hon." in refused.get_data(as_text=True)
