"""A member who only reads pages stays signed in, and their devices list knows when they were here.

Loading the signed-in person notes when each phone was last used (at most once every 5 minutes)
and slides a visit's end forward. Only reading pages must save that too: the commit point does.
The clock that sign-in reads is moved forward instead of waiting.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal.accounts import services as accounts_services
from portal.accounts.models import DeviceSession
from portal.extensions import db
from portal.timeutil import utcnow

ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile"
WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120"


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self):
        return self.now

    def move(self, by: timedelta) -> None:
        self.now += by


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(accounts_services, "utcnow", clock)
    return clock


def _device(app, user_agent: str | None = None) -> DeviceSession:
    with app.app_context():
        query = sa.select(DeviceSession)
        if user_agent is not None:
            query = query.where(DeviceSession.user_agent == user_agent)
        device = db.session.scalars(query).one()
        db.session.expunge(device)
        return device


def test_reading_pages_keeps_a_visit_going_past_its_first_end(app, client, member, clock):
    client.sign_in_as(member)  # a visit, not "this is my phone"
    visit = app.config["VISIT_LENGTH"]
    first = _device(app)
    assert not first.remembered
    assert first.expires_at == clock.now + visit

    clock.move(visit - timedelta(minutes=10))
    assert client.get("/sessions").status_code == 200  # a page that only reads
    clock.move(timedelta(minutes=20))
    assert clock.now > first.expires_at
    assert client.get("/sessions").status_code == 200  # still signed in

    device = _device(app)
    assert device.last_seen_at == clock.now
    assert device.expires_at == clock.now + visit


def test_the_devices_list_puts_the_one_used_last_first(app, client_as, member, clock):
    phone = client_as(None)
    phone.environ_base["HTTP_USER_AGENT"] = ANDROID
    phone.sign_in_as(member)
    clock.move(timedelta(minutes=8))
    laptop = client_as(None)
    laptop.environ_base["HTTP_USER_AGENT"] = WINDOWS
    laptop.sign_in_as(member)

    clock.move(timedelta(minutes=2))
    assert phone.get("/sessions").status_code == 200  # the phone only reads a page
    clock.move(timedelta(minutes=1))
    page = laptop.get("/my-sign-in").get_data(as_text=True)

    phone_device = _device(app, ANDROID)
    assert phone_device.last_seen_at == clock.now - timedelta(minutes=1)
    phone_at = page.index(f'id="device-{phone_device.id}"')
    laptop_at = page.index(f'id="device-{_device(app, WINDOWS).id}"')
    assert phone_at < laptop_at, "the phone was used last, so it comes first"
