"""Helpers for the sign-in attack tests: end a sign-in, age a form, look at what was kept."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import sqlalchemy as sa

from portal.accounts.kept_forms import KeptForm
from portal.accounts.models import DeviceSession
from portal.extensions import db
from portal.timeutil import utcnow

# What a browser sends with a form that a page on another site posts.
FROM_ANOTHER_SITE = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}


def end_sign_ins(app, user_id: int, *, expire: bool = False) -> None:
    """This person's sign-ins end, as when they sign out on another phone (or, with
    `expire`, when a visit runs out), while this browser still holds its cookies."""
    with app.app_context():
        past = utcnow() - timedelta(seconds=1)
        values = {"expires_at": past} if expire else {"ended_at": past}
        db.session.execute(
            sa.update(DeviceSession).where(DeviceSession.user_id == user_id).values(**values)
        )
        db.session.commit()


def open_sign_ins(app, user_id: int) -> list[DeviceSession]:
    with app.app_context():
        now = utcnow()
        return list(
            db.session.scalars(
                sa.select(DeviceSession).where(
                    DeviceSession.user_id == user_id,
                    DeviceSession.ended_at.is_(None),
                    DeviceSession.expires_at > now,
                )
            )
        )


def kept_forms(app) -> list[KeptForm]:
    with app.app_context():
        forms = list(db.session.scalars(sa.select(KeptForm)))
        db.session.expunge_all()
        return forms


@contextmanager
def forms_are_too_old(app):
    """Every form token is past its time limit while inside (a form open a very long time)."""
    limit = app.config["WTF_CSRF_TIME_LIMIT"]
    app.config["WTF_CSRF_TIME_LIMIT"] = -1
    try:
        yield
    finally:
        app.config["WTF_CSRF_TIME_LIMIT"] = limit


def set_cookies(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")
