"""Agendas and concerns: an item about a concern, and members picking a well-supported concern."""

from __future__ import annotations

from portal.agendas.models import AgendaItem, AgendaSuggestion
from portal.concerns.models import Concern, ConcernUpdate
from tests.factories import (
    create_agenda_item,
    create_board,
    create_concern,
    create_user,
    fetch,
    publish_agenda,
)


def _supported_concerns(users_by_role):
    from tests.factories import APP

    board = create_board()
    member = users_by_role["member"]
    buses = create_concern(board.id, member.id, title="The bus is often late")
    lights = create_concern(board.id, member.id, title="The street lights are broken")
    closed = create_concern(board.id, member.id, title="Old concern", status="done")
    fans = [create_user("member", username=f"fan{number}") for number in range(3)]
    with APP.app_context():
        from portal.concerns.services import set_support
        from portal.extensions import db

        for fan in fans:
            set_support(buses.id, fan.id, True)
        db.session.commit()
    return buses, lights, closed


def test_member_picks_a_concern_and_accepting_puts_it_on_an_agenda(
    app, client_as, training, users_by_role
):
    buses, _, _ = _supported_concerns(users_by_role)
    member = client_as("member")
    page = member.get(f"/agendas/session/{training.id}/suggest").get_data(as_text=True)
    assert "Concerns many people support" in page
    assert page.index("The bus is often late") < page.index("The street lights are broken")
    assert "Old concern" not in page  # done concerns are not offered
    response = member.post_form(
        f"/agendas/session/{training.id}/suggest", {"pick": "1", "concern": str(buses.id)}
    )
    assert response.status_code == 302
    with app.app_context():
        from portal.extensions import db

        suggestion_id = db.session.scalar(db.select(AgendaSuggestion.id))
    trainer = client_as("co_trainer")
    editor = trainer.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "It is a concern. 4 people support it." in editor
    trainer.post_form(
        f"/agendas/session/{training.id}/suggestions/{suggestion_id}",
        {"accept": "1", "reply": "Yes, we will talk about it.", "minutes": "30"},
    )
    assert fetch(Concern, buses.id).status.value == "agenda"
    item = fetch(AgendaItem, fetch(AgendaSuggestion, suggestion_id).item_id)
    assert item.concern_id == buses.id and item.title == "The bus is often late"
    with app.app_context():
        from portal.extensions import db

        update = db.session.scalar(
            db.select(ConcernUpdate).where(ConcernUpdate.concern_id == buses.id)
        )
        assert update.status.value == "agenda"
        assert "Train the trainers" in update.words
    publish_agenda(training.id)
    page = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "About the concern:" in page and f"/concerns/{buses.id}" in page


def test_picking_needs_a_concern_the_member_can_see(client_as, training, users_by_role):
    _supported_concerns(users_by_role)
    response = client_as("member").post_form(
        f"/agendas/session/{training.id}/suggest", {"pick": "1", "concern": "999999"}
    )
    assert response.status_code == 422


def test_an_item_can_be_about_a_concern(client_as, training, users_by_role):
    buses, _, closed = _supported_concerns(users_by_role)
    client = client_as("co_trainer")
    editor = client.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "Is it about a concern?" in editor
    response = client.post_form(
        f"/agendas/session/{training.id}/items",
        {"title": "Buses", "minutes": "20", "kind": "talk", "concern_id": str(buses.id)},
    )
    assert response.status_code == 302
    page = client.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "About the concern:" in page
    bad = client.post_form(
        f"/agendas/session/{training.id}/items",
        {"title": "Old", "minutes": "20", "kind": "talk", "concern_id": str(closed.id)},
    )
    assert bad.status_code == 422


def test_accepting_never_moves_a_concern_back(app, client_as, training, users_by_role):
    buses, _, _ = _supported_concerns(users_by_role)
    member = client_as("member")
    member.post_form(
        f"/agendas/session/{training.id}/suggest", {"pick": "1", "concern": str(buses.id)}
    )
    with app.app_context():
        from portal.concerns.models import Status
        from portal.extensions import db

        suggestion_id = db.session.scalar(db.select(AgendaSuggestion.id))
        # Meanwhile staff moved the concern on to action.
        db.session.get(Concern, buses.id).status = Status.ACTION
        db.session.commit()
    client_as("co_trainer").post_form(
        f"/agendas/session/{training.id}/suggestions/{suggestion_id}",
        {"accept": "1", "minutes": "30"},
    )
    assert fetch(AgendaSuggestion, suggestion_id).status.value == "accepted"
    assert fetch(Concern, buses.id).status.value == "action"


def test_a_concern_is_named_only_to_people_who_may_see_it(
    client_as, training, users_by_role, co_trainer
):
    from tests.factories import create_group

    staff = users_by_role["staff"]
    group = create_group("Housing group", members=[staff])
    private = create_board("Housing", group_id=group.id)
    secret = create_concern(private.id, staff.id, title="Rent went up at Oak House")
    item = create_agenda_item(training.id, title="Housing", concern_id=secret.id)
    publish_agenda(training.id)
    for role in ("member", "co_trainer"):
        client = client_as(role)
        for url in (f"/sessions/{training.id}", f"/agendas/session/{training.id}/print"):
            page = client.get(url).get_data(as_text=True)
            assert "Housing" in page and "Rent went up" not in page, (role, url)
    editor = client_as("co_trainer")
    assert "Rent went up" not in editor.get(f"/agendas/session/{training.id}").get_data(
        as_text=True
    )
    # A co-trainer who may not see it can still save the part without losing the link.
    form = editor.get(f"/agendas/session/{training.id}/items/{item.id}").get_data(as_text=True)
    assert "A concern you cannot see. Keep it." in form and "Rent went up" not in form
    response = editor.post_form(
        f"/agendas/session/{training.id}/items/{item.id}",
        {
            "title": "Housing",
            "minutes": "30",
            "kind": "talk",
            "concern_id": str(secret.id),
            "version": str(item.version),
        },
    )
    assert response.status_code == 302
    assert fetch(AgendaItem, item.id).concern_id == secret.id
    # Staff may see it.
    staff_page = client_as("staff").get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Rent went up at Oak House" in staff_page
