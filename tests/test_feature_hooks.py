"""Features above meet features below through hooks they fill at start-up: their notice kinds,
the session page's agenda panel, which concerns a person reported, and what comes with the
sign-in."""

from __future__ import annotations

import sys

from portal.notices.email import security_kinds
from portal.notices.kinds import KINDS
from portal.sessions.panels import SESSION_PANELS, panels_for, session_panel


def test_each_feature_registers_its_notice_kinds_at_start_up(app):
    registered_by = {
        "account_welcome": "people",
        "session_reminder": "sessions",
        "concern_replied": "concerns",
        "moderation_concern_hidden": "moderation",
        "agenda_published": "agendas",
        "passkey_added": "signin",
    }
    for name, feature in registered_by.items():
        assert KINDS[name].words, name
        assert f"portal.{feature}.notice_kinds" in sys.modules
    # Read when sending, so kinds registered after portal.notices.email was imported count too.
    assert set(security_kinds()) == {"sign_in_card_made", "passkey_added", "passkey_removed"}


def test_agendas_registers_its_panel_on_the_session_page(app):
    from portal.agendas.panel import agenda_panel

    assert agenda_panel in SESSION_PANELS


def test_a_registered_panel_adds_to_the_session_page_once(monkeypatch):
    monkeypatch.setattr("portal.sessions.panels.SESSION_PANELS", [])

    def extra(session, user):
        return {"extra": (session, user)}

    session_panel(extra)
    session_panel(extra)
    assert panels_for("session", "user") == {"extra": ("session", "user")}


def test_moderation_tells_concerns_what_a_person_reported(app):
    from portal.concerns.reported import REPORTED_SOURCES
    from portal.moderation.queries import reported_keys

    assert [reported_keys] == REPORTED_SOURCES


def test_notices_sends_the_unread_count_with_the_sign_in(app):
    from portal.accounts.preloaded import PRELOADS

    # Accounts reads them with the device session: notices' count, accounts' own two rows.
    assert {"unread_notices", "reading", "suspension"} <= set(PRELOADS)
