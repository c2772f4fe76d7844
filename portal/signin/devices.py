"""A person's signed-in phones and computers, described in words."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from portal.accounts.models import DeviceSession
from portal.extensions import db
from portal.signin.models import Passkey
from portal.timeutil import utcnow

# Text in the browser's user agent, in the order to check them.
_SYSTEMS = ["iPhone", "iPad", "Android", "Windows", "Macintosh", "CrOS", "Linux"]


def describe_device(user_agent: str | None) -> str:
    """A name for a browser: "Android phone", or "Phone or computer" when we cannot tell."""
    agent = user_agent or ""
    names = {
        "iPhone": _("iPhone"),
        "iPad": _("iPad"),
        "Android": _("Android phone"),
        "Windows": _("Windows computer"),
        "Macintosh": _("Mac computer"),
        "CrOS": _("Chromebook"),
        "Linux": _("Linux computer"),
    }
    for marker in _SYSTEMS:
        if marker in agent:
            return names[marker]
    return _("Phone or computer")


def list_signed_in_devices(user_id: int) -> list[DeviceSession]:
    """Every browser where this person is still signed in, most recently used first."""
    now = utcnow()
    return list(
        db.session.scalars(
            sa.select(DeviceSession)
            .where(
                DeviceSession.user_id == user_id,
                DeviceSession.ended_at.is_(None),
                DeviceSession.expires_at > now,
            )
            .order_by(DeviceSession.last_seen_at.desc())
        )
    )


def list_passkeys(user_id: int) -> list[Passkey]:
    return list(
        db.session.scalars(
            sa.select(Passkey).where(Passkey.user_id == user_id).order_by(Passkey.created_at)
        )
    )
