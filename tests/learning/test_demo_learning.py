"""The demo shows the path to co-trainer: steps, Train the trainers days, and Priya one step
from co-training."""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa

from portal.accounts.models import User
from portal.demo import load_demo_data
from portal.extensions import db
from portal.learning.progress import path_for


def test_demo_priya_is_one_step_from_co_training(app, client):
    with app.test_request_context():
        assert load_demo_data()
        db.session.commit()
        priya = db.session.scalar(sa.select(User).where(User.username == "priya"))
        path = path_for(priya.id)
        assert [(p.step.kind, p.done) for p in path] == [
            ("sessions", True),
            ("train_the_trainers", True),
            ("led_parts", False),
        ]
    client = app.test_client()
    client.sign_in_as(SimpleNamespace(username="priya"), password="priya-is-a-member")
    page = client.get("/learning").get_data(as_text=True)
    assert "Train the trainers: spring day 2" in page
    assert "What makes a good session" in page and "Done!" in page
    client = app.test_client()
    client.sign_in_as(SimpleNamespace(username="sam"), password="sam-is-a-member")
    page = client.get("/learning").get_data(as_text=True)
    assert "Planning a part together" in page
    client = app.test_client()
    client.sign_in_as(SimpleNamespace(username="jo"), password="jo-is-staff-here")
    page = client.get("/learning/steps").get_data(as_text=True)
    assert "Priya Shah" in page and "Invite to be a co-trainer" in page
