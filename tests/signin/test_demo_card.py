"""The demo member's sign-in card, documented in the README, works."""

from __future__ import annotations

from pathlib import Path

from portal.demo import DEMO_CARD_CODE, load_demo_data
from portal.extensions import db
from portal.signin.cards import code_in_groups, looks_like_a_code

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_demo_card_signs_sam_in(app, client):
    with app.app_context():
        assert load_demo_data()
        db.session.commit()
    assert looks_like_a_code(DEMO_CARD_CODE)
    client.get(f"/card/{DEMO_CARD_CODE}")
    client.post_form("/sign-in/this-phone", {"answer": "no"})
    assert "You are signed in as Sam Jones" in client.get("/").get_data(as_text=True)


def test_the_readme_documents_the_demo_card():
    text = README.read_text()
    assert f"/card/{DEMO_CARD_CODE}" in text
    assert code_in_groups(DEMO_CARD_CODE) in text
