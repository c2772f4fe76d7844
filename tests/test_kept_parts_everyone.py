"""Kept page parts (portal/fragments.py) never show one person what was drawn for another.

A kept part is safe only while its key holds everything it shows. The other tests check each
part on its own; this one checks them all at once, on the demo's pages, for everyone the demo
has: each role, a Welsh reader, a member stopped from posting, one with reading settings of
her own, a supporter helping a member, and nobody signed in. First everyone opens every page,
so the kept parts are full of what the others saw. Then each page is drawn twice for each
person, kept and from nothing, and the two must be the same, apart from the CSRF token,
which is each request's own. A key that left something out shows here as a difference.
"""

from __future__ import annotations

import difflib
import re
from types import SimpleNamespace

import sqlalchemy as sa

from portal.accounts.helping import SupportLink
from portal.accounts.models import User
from portal.concerns.models import Board, Concern
from portal.demo import load_demo_data
from portal.extensions import db
from portal.sessions.models import TrainingSession
from tests.conftest import PortalClient

# Flask-WTF's signed token: the value, its time, its signature.
TOKEN = re.compile(r"[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}")
PASSWORDS = {
    "sam": "sam-is-a-member",
    "alex": "alex-co-trainer",
    "jo": "jo-is-staff-here",
    "ffion": "ffion-is-a-member",
    "priya": "priya-is-a-member",
    "dev": "dev-co-trainer-1",
    "megan": "megan-is-a-member",
    "kim": "kim-is-a-supporter",
}
SIGNED_OUT_PAGES = ["/sign-in", "/help", "/credits", "/settings"]


def _member_pages() -> list[str]:
    sessions = list(db.session.scalars(sa.select(TrainingSession.id).order_by(TrainingSession.id)))
    boards = list(db.session.scalars(sa.select(Board.id).order_by(Board.id)))
    concerns = db.session.scalars(
        sa.select(Concern.id).where(Concern.merged_into_id.is_(None)).order_by(Concern.id)
    )
    return [
        "/",
        "/sessions",
        "/sessions/past",
        *(f"/sessions/{session_id}" for session_id in sessions),
        *(f"/agendas/session/{session_id}/print" for session_id in sessions),
        "/concerns",
        *(f"/concerns/boards/{board_id}" for board_id in boards),
        *(f"/concerns/boards/{board_id}?sort=newest" for board_id in boards[:2]),
        *(f"/concerns/boards/{board_id}?status=new" for board_id in boards[:1]),
        *(f"/concerns/{concern_id}" for concern_id in concerns),
        "/whats-new",
        "/settings",
    ]


def _signed_in(app, username: str) -> PortalClient:
    app.test_client_class = PortalClient
    client = app.test_client()
    client.sign_in_as(SimpleNamespace(username=username), password=PASSWORDS[username])
    return client


def _readers(app) -> dict[str, tuple[PortalClient, list[str]]]:
    with app.app_context():
        assert load_demo_data()
        db.session.commit()
        pages = _member_pages()
        kim, sam = (
            db.session.scalar(sa.select(User.id).where(User.username == name))
            for name in ("kim", "sam")
        )
        link = db.session.scalar(
            sa.select(SupportLink.id).where(
                SupportLink.supporter_id == kim,
                SupportLink.member_id == sam,
                SupportLink.stopped_at.is_(None),
            )
        )
    readers = {name: (_signed_in(app, name), pages) for name in PASSWORDS}
    # Priya reads with her own settings: large text, the legible typeface, no Listen speed.
    priya = readers["priya"][0]
    saved = priya.post_form("/settings", {"text_size": "largest", "font": "legible"})
    assert saved.status_code == 302
    helping = _signed_in(app, "kim")
    assert helping.post_form(f"/people/helping/{link}/start").status_code == 302
    readers["kim helping sam"] = (helping, pages)
    app.test_client_class = PortalClient
    readers["signed out"] = (app.test_client(), SIGNED_OUT_PAGES)
    return readers


def _page(client: PortalClient, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, TOKEN.sub("TOKEN", response.get_data(as_text=True))


def test_no_kept_part_shows_anyone_what_was_drawn_for_someone_else(app, monkeypatch):
    assert app.config["KEEP_PAGE_PARTS"], "the test app must keep parts, as production does"
    readers = _readers(app)
    # Everyone opens everything: what a first visit changes (a notice read, a change seen)
    # is done, and the kept parts hold what each of the others was shown.
    for client, pages in readers.values():
        for url in pages:
            client.get(url)
    checked, differences = 0, []
    for name, (client, pages) in readers.items():
        for url in pages:
            kept = _page(client, url)
            monkeypatch.setitem(app.config, "KEEP_PAGE_PARTS", False)
            drawn = _page(client, url)
            monkeypatch.setitem(app.config, "KEEP_PAGE_PARTS", True)
            if kept != drawn:
                # A minute may have turned between the two (the offline banner says the
                # minute): once more, and a real difference stays.
                kept = _page(client, url)
                monkeypatch.setitem(app.config, "KEEP_PAGE_PARTS", False)
                drawn = _page(client, url)
                monkeypatch.setitem(app.config, "KEEP_PAGE_PARTS", True)
            checked += 1
            if kept != drawn:
                diff = difflib.unified_diff(
                    drawn[1].splitlines(), kept[1].splitlines(), "drawn", "kept", lineterm="", n=1
                )
                differences.append(
                    f"{name} {url} ({drawn[0]}, kept {kept[0]}):\n" + "\n".join(diff)
                )
    assert checked > 200, checked  # the demo's pages for ten readers, so the net is wide
    assert not differences, "\n\n".join(differences[:5])
