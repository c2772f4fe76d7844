"""Every moderation notice, raised by the staff action itself, read in the author's What's new."""

from __future__ import annotations

from portal.accounts.models import User
from tests import factories
from tests.conftest import PortalClient
from tests.factories import PASSWORD, create_reply, create_user


def _signed_in(user: User) -> PortalClient:
    factories.APP.test_client_class = PortalClient
    client = factories.APP.test_client()
    client.sign_in_as(user, PASSWORD)
    return client


def _news(user: User) -> str:
    return _signed_in(user).get("/whats-new").get_data(as_text=True)


def test_concern_actions_tell_the_author(client_as, concern, other_member):
    staff = client_as("staff")
    act = f"/moderation/concerns/{concern.id}/act"
    steps = [
        ({"action": "hide", "reason": "private", "note": ""}, "Staff hid your concern The bus"),
        ({"action": "restore"}, "Your concern The bus is often late is back on the board."),
        ({"action": "lock"}, "Nobody can support it or reply now."),
        ({"action": "unlock"}, "People can support it and reply again."),
        ({"action": "close", "outcome": "The bus company changed the times."}, "Staff closed"),
    ]
    for form, words in steps:
        assert staff.post_form(act, form).status_code == 302, form
        assert words in _news(other_member), words


def test_reply_actions_tell_the_author(client_as, concern):
    writer = create_user("member", username="rhian", display_name="Rhian Ellis")
    reply = create_reply(concern.id, writer.id, "It is late every day")
    staff = client_as("staff")
    act = f"/moderation/replies/{reply.id}/act"
    staff.post_form(act, {"action": "hide", "reason": "unkind", "note": ""})
    assert "You can talk to staff about it." in _news(writer)
    staff.post_form(act, {"action": "restore"})
    assert "Your reply on The bus is often late is back." in _news(writer)


def test_reports_hiding_a_reply_tell_its_author(client_as, concern, reporters):
    writer = create_user("member", username="rhian", display_name="Rhian Ellis")
    reply = create_reply(concern.id, writer.id, "Nobody cares about this")
    for person in reporters[:3]:
        _signed_in(person).post_form(
            f"/moderation/report/replies/{reply.id}", {"reason": "unkind", "note": ""}
        )
    assert "Some people told staff about your reply. It is hidden until staff look." in _news(
        writer
    )


def test_stopping_posting_tells_the_member_supporting_stops_too(client_as):
    """The notice names all three, as the notice for "allowed again" does, in both languages."""
    staff = client_as("staff")
    for language, words in (
        ("en", "You cannot raise, support or reply to concerns for now."),
        ("cy", "Allwch chi ddim codi, cefnogi nac ateb pryderon am nawr."),
    ):
        person = create_user("member", username=f"stopped-{language}", language=language)
        staff.post_form(f"/moderation/people/{person.id}/posting", {"reason": "Unkind words."})
        news = _news(person)
        assert words in news and "Unkind words." in news


def test_allowing_posting_again_tells_the_member(client_as, users_by_role):
    member = users_by_role["member"]
    staff = client_as("staff")
    staff.post_form(f"/moderation/people/{member.id}/posting", {"reason": "Unkind words."})
    staff.post_form(f"/moderation/people/{member.id}/posting", {"allow": "1"})
    assert "You can raise, support and reply to concerns again." in _news(member)


def test_undoing_a_merge_tells_the_author(client_as, board, concern, other_member, users_by_role):
    from tests.factories import create_concern

    kept = create_concern(board.id, users_by_role["staff"].id, "Buses are late")
    staff = client_as("staff")
    staff.post_form(f"/moderation/concerns/{concern.id}/merge", {"keep_id": kept.id})
    staff.post_form(f"/moderation/concerns/{concern.id}/undo-merge")
    assert "Your concern The bus is often late is on its own again." in _news(other_member)
