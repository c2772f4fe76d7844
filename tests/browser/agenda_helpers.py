"""Helpers for the agenda browser tests: a session two co-trainers run, its planning page, and
the words this phone keeps."""

from __future__ import annotations

from datetime import timedelta

from portal.timeutil import utcnow
from tests.browser.conftest import PHONE, sign_in
from tests.factories import PASSWORD, create_session, create_user

LIVE = 5_000  # "within 5 seconds"
SIGNED_OUT = "You are signed out. Please sign in again."


def make_training(users_by_role):
    """A session Alex and Dev run, 10am a week from now; and Dev."""
    dev = create_user("co_trainer", username="dev", display_name="Dev Shah")
    start = utcnow().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=7)
    session = create_session(
        title="Train the trainers",
        starts_in=start - utcnow().replace(second=0, microsecond=0),
        trainers=[users_by_role["co_trainer"], dev],
    )
    return session, dev


def open_editor(new_page, session, username="alex", javascript=True):
    page = new_page(PHONE, javascript=javascript)
    sign_in(page, username, PASSWORD)
    page.goto(f"/agendas/session/{session.id}")
    return page


DRAFTS = "Object.keys(localStorage).filter(k => /^cg-keep:[^:]*:agenda-/.test(k))"


def drafts_kept(page) -> list[str]:
    """The agenda words kept on this phone."""
    return page.evaluate(DRAFTS)


def no_drafts_left(page) -> None:
    """Wait for the page's script to forget the words the server has saved."""
    page.wait_for_function(f"() => {DRAFTS}.length === 0")


def two_editors(new_page, session):
    alex, dev = new_page(PHONE), new_page(PHONE)
    sign_in(alex, "alex", PASSWORD)
    sign_in(dev, "dev", PASSWORD)
    for page in (alex, dev):
        page.goto(f"/agendas/session/{session.id}")
    return alex, dev
