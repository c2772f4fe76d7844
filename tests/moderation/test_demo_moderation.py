"""The demo member staff stopped posting, documented in the README, sees why."""

from __future__ import annotations

from pathlib import Path

from portal.demo import DEMO_ACCOUNTS, load_demo_data
from portal.extensions import db

README = Path(__file__).resolve().parents[2] / "README.md"
STOPPED = "Staff stopped you posting for now. Why: You wrote unkind replies to other members."


def test_megan_is_stopped_from_posting_and_told_why(app, client):
    with app.app_context():
        assert load_demo_data()
        db.session.commit()
    password = next(p for _role, name, p, *_ in DEMO_ACCOUNTS if name == "megan")
    response = client.post_form("/sign-in", {"username": "megan", "password": password})
    assert response.status_code == 302
    page = client.get("/concerns").get_data(as_text=True)
    assert STOPPED in page and "raise your own" not in page
    news = client.get("/whats-new").get_data(as_text=True)
    assert STOPPED in news
    assert "Staff hid your reply on Bus tickets cost too much because it was unkind" in news


def test_the_readme_documents_every_demo_account():
    text = README.read_text()
    for _role, username, password, *_ in DEMO_ACCOUNTS:
        assert f"`{username}`" in text and f"`{password}`" in text, username
