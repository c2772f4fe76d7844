"""Who leads a part (people with an account, or names typed in) and the picture chosen for it."""

from __future__ import annotations

from portal.agendas.models import AgendaChange, AgendaItem
from tests.factories import create_agenda_item, create_user, fetch, publish_agenda


def _items(session_id: int) -> str:
    return f"/agendas/session/{session_id}/items"


def _data(**overrides) -> dict:
    data = {"title": "Listening in pairs", "minutes": "30", "kind": "activity"}
    data.update(overrides)
    return data


def _leader_ids(item_id: int) -> list[int]:
    return fetch(AgendaItem, item_id).leader_ids


def _last_item_id(app) -> int:
    with app.app_context():
        from portal.extensions import db

        return db.session.scalar(db.select(db.func.max(AgendaItem.id)))


def test_the_form_offers_the_people_running_the_session(client_as, training, other_trainer):
    page = client_as("co_trainer").get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "Who leads it?" in page and "Tick one person or more." in page
    for name in ("Alex Rivera", "Dev Shah"):
        assert f">{name}</label>" in page
    assert f'name="leader_ids" type="checkbox" value="{other_trainer.id}"' in page
    assert "Someone else? Write their name." in page


def test_tick_people_and_type_a_name(app, client_as, training, co_trainer, other_trainer):
    client = client_as("co_trainer")
    response = client.post_form(
        _items(training.id),
        {**_data(leaders="Nia, Mo"), "leader_ids": [str(other_trainer.id), str(co_trainer.id)]},
    )
    assert response.status_code == 302
    item_id = _last_item_id(app)
    assert _leader_ids(item_id) == sorted([co_trainer.id, other_trainer.id])
    assert fetch(AgendaItem, item_id).leaders == "Nia, Mo"
    page = client.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "Led by <bdi>Alex Rivera, Dev Shah, Nia and Mo</bdi>." in page
    # History keeps the names as they were.
    with app.app_context():
        from portal.extensions import db

        change = db.session.scalars(db.select(AgendaChange)).one()
        assert change.snapshot["leader_names"] == ["Alex Rivera", "Dev Shah", "Nia", "Mo"]


def test_only_people_offered_can_be_ticked(app, client_as, training):
    outsider = create_user(role="member", username="pat", display_name="Pat")
    for bad in (str(outsider.id), "alex", "-1"):
        response = client_as("co_trainer").post_form(
            _items(training.id), {**_data(description="Pairs talk."), "leader_ids": bad}
        )
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert "Choose one from the list." in page
        assert "Pairs talk." in page  # nothing typed is lost
    assert _last_item_id(app) is None


def test_a_leader_who_stopped_running_the_session_stays_ticked(
    client_as, training, other_trainer, app
):
    former = create_user(role="co_trainer", username="lee", display_name="Lee Former")
    item = create_agenda_item(training.id, title="Games", leader_ids=[former.id])
    client = client_as("co_trainer")
    form = client.get(f"/agendas/session/{training.id}/items/{item.id}").get_data(as_text=True)
    assert "Lee Former" in form and "checked" in form.split("Lee Former")[0].rsplit("<li", 1)[1]
    # Saving without changing the leaders keeps Lee.
    response = client.post_form(
        f"/agendas/session/{training.id}/items/{item.id}",
        {**_data(title="Games"), "leader_ids": str(former.id), "version": str(item.version)},
    )
    assert response.status_code == 302
    assert _leader_ids(item.id) == [former.id]


def test_choose_a_picture_or_use_the_kind(client_as, training, app):
    client = client_as("co_trainer")
    form = client.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "Choose a picture" in form and "pictures/bus.svg" in form
    client.post_form(_items(training.id), _data(title="Trip to town", picture="bus"))
    chosen = fetch(AgendaItem, _last_item_id(app))
    assert chosen.picture == "bus" and chosen.shown_picture == "bus"
    client.post_form(_items(training.id), _data(title="Quiz", kind="game"))
    plain = fetch(AgendaItem, _last_item_id(app))
    assert plain.picture == "" and plain.shown_picture == "game"

    response = client.post_form(_items(training.id), _data(title="Odd", picture="../secret"))
    assert response.status_code == 422
    assert "Choose one from the list." in response.get_data(as_text=True)


def test_members_see_the_leaders_and_the_picture(client_as, training, co_trainer):
    create_agenda_item(
        training.id, title="Trip to town", picture="bus", leader_ids=[co_trainer.id], leaders="Mo"
    )
    publish_agenda(training.id)
    member = client_as("member")
    page = member.get(f"/sessions/{training.id}").get_data(as_text=True)
    assert "Led by <bdi>Alex Rivera and Mo</bdi>." in page
    assert "pictures/bus.svg" in page
    large = member.get(f"/agendas/session/{training.id}/print").get_data(as_text=True)
    assert "Led by <bdi>Alex Rivera and Mo</bdi>." in large and "pictures/bus.svg" in large


def test_welsh_joins_names_with_a(client_as, training, co_trainer, other_trainer):
    create_agenda_item(training.id, title="Games", leader_ids=[co_trainer.id, other_trainer.id])
    client = client_as("co_trainer")
    client.post_form("/language", {"language": "cy"})
    page = client.get(f"/agendas/session/{training.id}").get_data(as_text=True)
    assert "Alex Rivera a Dev Shah" in page


def test_putting_back_an_old_version_brings_back_its_leaders(
    app, client_as, training, co_trainer, other_trainer
):
    item = create_agenda_item(training.id, title="Games", leader_ids=[co_trainer.id])
    client = client_as("co_trainer")
    url = f"/agendas/session/{training.id}/items/{item.id}"
    client.post_form(
        url, {**_data(title="Games"), "leader_ids": str(other_trainer.id), "version": "1"}
    )
    assert _leader_ids(item.id) == [other_trainer.id]
    with app.app_context():
        from portal.extensions import db

        first = db.session.scalars(
            db.select(AgendaChange).where(AgendaChange.item_id == item.id).order_by(AgendaChange.id)
        ).first()
        first_id = first.id
    client.post_form(f"{url}/put-back", {"change": str(first_id), "version": "2"})
    assert _leader_ids(item.id) == [co_trainer.id]


def test_the_session_page_reads_each_parts_leaders_with_the_agenda(
    app, client_as, training, co_trainer, other_trainer
):
    import sqlalchemy as sa

    from portal.extensions import db

    create_agenda_item(
        training.id, title="First", leader_ids=[other_trainer.id, co_trainer.id], leaders="Mo"
    )
    create_agenda_item(training.id, title="Second")
    create_agenda_item(training.id, title="Third", leader_ids=[other_trainer.id])
    publish_agenda(training.id)
    member = client_as("member")
    url = f"/sessions/{training.id}"
    member.get(url)  # the first look marks the agenda seen
    statements = []

    def record(*event_args):
        statements.append(event_args[2])

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        page = member.get(url).get_data(as_text=True)
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", record)
    # A part with two leaders comes twice from the database: each shows once, in order.
    assert page.count('class="agenda-read-item"') == 3
    assert page.index(">First<") < page.index(">Second<") < page.index(">Third<")
    assert "Led by <bdi>Alex Rivera, Dev Shah and Mo</bdi>." in page
    assert "Led by <bdi>Dev Shah</bdi>." in page
    assert page.count("Led by") == 2
    # The names come with the agenda: nothing reads agenda_item_leader on its own.
    leader_reads = [s for s in statements if "agenda_item_leader" in s]
    assert len(leader_reads) == 1 and "FROM agenda " in leader_reads[0].replace("\n", " ")
