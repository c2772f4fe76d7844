"""The permission matrix: every route against every role.

A new route fails `test_every_route_is_in_the_matrix` until it is added to ROUTES below with the
permission it needs, so no page can land without a decision about who may use it.

This proves who may reach a route at all. What happens to one particular thing once there (a
session someone does not run, a hidden concern, someone else's reply) is proved, with its
effect on the page and the database, in tests/permission_rules/.
"""

from __future__ import annotations

import re

import pytest

from portal.accounts.models import Role
from portal.accounts.permissions import ROLE_PERMISSIONS, Permission

PUBLIC = None
ROUTES: dict[str, Permission | None] = {
    "pages.home": PUBLIC,
    "open_data.open_data_page": PUBLIC,
    "open_data.concerns_csv": PUBLIC,
    "open_data.concerns_json": PUBLIC,
    "open_data.sessions_ics": PUBLIC,
    "mydata.my_data": Permission.USE_PORTAL,
    "mydata.download_my_data": Permission.USE_PORTAL,
    "mydata.remove_account_page": Permission.USE_PORTAL,
    "mydata.ask_to_remove": Permission.USE_PORTAL,
    "mydata.take_back": Permission.USE_PORTAL,
    "mydata.removals": Permission.MANAGE_PEOPLE,
    "mydata.confirm_removal": Permission.MANAGE_PEOPLE,
    "mydata.remove": Permission.MANAGE_PEOPLE,
    "pages.help_page": PUBLIC,
    "pages.credits": PUBLIC,
    "pages.me": PUBLIC,
    "pages.healthz": PUBLIC,
    "pages.readyz": PUBLIC,
    "pages.metrics": PUBLIC,  # by address (METRICS_ALLOWED), not by role
    "pages.set_language": PUBLIC,
    "pages.reading_settings": PUBLIC,
    "pages.save_reading_settings": PUBLIC,
    "offline.service_worker": PUBLIC,
    "offline.manifest": PUBLIC,
    "offline.offline_page": PUBLIC,
    "offline.home_screen_help": PUBLIC,
    "offline.pages_to_keep": Permission.USE_PORTAL,
    "offline.fresh_token": Permission.USE_PORTAL,
    "signin.sign_in": PUBLIC,
    "signin.sign_out": Permission.USE_PORTAL,
    "signin.send_kept_form": Permission.USE_PORTAL,
    "people.list_people": Permission.MANAGE_PEOPLE,
    "people.add_person": Permission.MANAGE_PEOPLE,
    "people.edit_person": Permission.MANAGE_PEOPLE,
    "people.change_password": Permission.MANAGE_PEOPLE,
    "people.set_active": Permission.MANAGE_PEOPLE,
    "groups.list_all_groups": Permission.MANAGE_PEOPLE,
    "groups.show_group": Permission.MANAGE_PEOPLE,
    "groups.add_member": Permission.MANAGE_PEOPLE,
    "groups.remove_member": Permission.MANAGE_PEOPLE,
    "notices.list_own_notices": Permission.USE_PORTAL,
    "notices.open_notice": Permission.USE_PORTAL,
    "notices.mark_all_read": Permission.USE_PORTAL,
    "notices.count_badge": Permission.USE_PORTAL,
    "notices.email_settings": Permission.USE_PORTAL,
    "notices.unsubscribe": PUBLIC,
    "sessions.list_upcoming": Permission.USE_PORTAL,
    "sessions.list_past": Permission.USE_PORTAL,
    "sessions.list_mine": Permission.USE_PORTAL,
    "sessions.show_session": Permission.USE_PORTAL,
    "sessions.set_coming": Permission.USE_PORTAL,
    "sessions.change_help": Permission.USE_PORTAL,
    "sessions.session_calendar": Permission.USE_PORTAL,
    "sessions.calendar_feed": PUBLIC,
    "sessions.reset_calendar_address": Permission.USE_PORTAL,
    "sessions.add_session": Permission.RUN_SESSIONS,
    "sessions.copy_session": Permission.RUN_SESSIONS,
    "sessions.edit_session": Permission.RUN_SESSIONS,
    "sessions.cancel": Permission.RUN_SESSIONS,
    "sessions.put_back_on": Permission.RUN_SESSIONS,
    "sessions.attendance": Permission.RUN_SESSIONS,
    "sessions.attendance_csv": Permission.RUN_SESSIONS,
    "sessions.who_came": Permission.RUN_SESSIONS,
    "sessions.mark_came": Permission.RUN_SESSIONS,
    "sessions.came_csv": Permission.RUN_SESSIONS,
    "sessions.how_was_it": Permission.USE_PORTAL,
    "agendas.edit_agenda": Permission.RUN_SESSIONS,
    "agendas.live_agenda": Permission.RUN_SESSIONS,
    "agendas.add_agenda_item": Permission.RUN_SESSIONS,
    "agendas.change_item": Permission.RUN_SESSIONS,
    "agendas.move_agenda_item": Permission.RUN_SESSIONS,
    "agendas.delete_agenda_item": Permission.RUN_SESSIONS,
    "agendas.put_back_item": Permission.RUN_SESSIONS,
    "agendas.publish_agenda": Permission.RUN_SESSIONS,
    "agendas.tell_about_changes": Permission.RUN_SESSIONS,
    "agendas.agenda_history": Permission.RUN_SESSIONS,
    "agendas.answer_suggestion": Permission.RUN_SESSIONS,
    "agendas.back_idea": Permission.USE_PORTAL,
    "learning.my_learning": Permission.USE_PORTAL,
    "learning.answer_invitation": Permission.USE_PORTAL,
    "learning.steps": Permission.MANAGE_PEOPLE,
    "learning.add_learning_step": Permission.MANAGE_PEOPLE,
    "learning.remove_learning_step": Permission.MANAGE_PEOPLE,
    "learning.mark_train_the_trainers": Permission.MANAGE_PEOPLE,
    "learning.invite": Permission.MANAGE_PEOPLE,
    "learning.who_led": Permission.RUN_SESSIONS,
    "agendas.print_agenda": Permission.USE_PORTAL,
    "agendas.suggest_item": Permission.USE_PORTAL,
    "concerns.list_boards": Permission.USE_PORTAL,
    "concerns.show_board": Permission.USE_PORTAL,
    "concerns.show_concern": Permission.USE_PORTAL,
    "concerns.set_own_support": Permission.USE_PORTAL,
    "concerns.add_concern_update": Permission.UPDATE_CONCERNS,
    "concerns.add_concern_reply": Permission.USE_PORTAL,
    "concerns.change_reply": Permission.USE_PORTAL,
    "concerns.remove_reply": Permission.USE_PORTAL,
    "concerns.my_concerns": Permission.USE_PORTAL,
    "concerns.raise_concern": Permission.USE_PORTAL,
    "concerns.post_concern": Permission.USE_PORTAL,
    "concerns.stop_raising": Permission.USE_PORTAL,
    "concerns.thank_you": Permission.USE_PORTAL,
    "concerns.manage_boards": Permission.MANAGE_BOARDS,
    "concerns.add_board": Permission.MANAGE_BOARDS,
    "concerns.edit_board": Permission.MANAGE_BOARDS,
    "concerns.move_board_view": Permission.MANAGE_BOARDS,
    "concerns.archive_board": Permission.MANAGE_BOARDS,
    "signin.type_code": PUBLIC,
    "signin.open_card": PUBLIC,
    "signin.this_phone": PUBLIC,
    "signin.ask_email_link": PUBLIC,
    "signin.open_email_link": PUBLIC,
    "signin.person_cards": Permission.MANAGE_PEOPLE,
    "signin.make_card": Permission.MANAGE_PEOPLE,
    "signin.make_card_sheet": Permission.MANAGE_PEOPLE,
    "signin.revoke_card": Permission.MANAGE_PEOPLE,
    "signin.security_log_page": Permission.MANAGE_PEOPLE,
    "signin.my_sign_in": Permission.USE_PORTAL,
    "signin.passkey_options": Permission.USE_PORTAL,
    "signin.add_passkey": Permission.USE_PORTAL,
    "signin.remove_passkey": Permission.USE_PORTAL,
    "signin.sign_out_device": Permission.USE_PORTAL,
    "signin.sign_out_everywhere": Permission.USE_PORTAL,
    "signin.passkey_sign_in_options": PUBLIC,
    "signin.passkey_sign_in": PUBLIC,
    "moderation.report_concern": Permission.USE_PORTAL,
    "moderation.report_reply": Permission.USE_PORTAL,
    "moderation.report_thanks": Permission.USE_PORTAL,
    "moderation.queue": Permission.MODERATE,
    "moderation.concern_page": Permission.MODERATE,
    "moderation.reply_page": Permission.MODERATE,
    "moderation.act_on_concern": Permission.MODERATE,
    "moderation.act_on_reply": Permission.MODERATE,
    "moderation.bulk": Permission.MODERATE,
    "moderation.log": Permission.MODERATE,
    "moderation.log_csv": Permission.MODERATE,
    "moderation.merge": Permission.MODERATE,
    "moderation.undo": Permission.MODERATE,
    "moderation.clarify_concern": Permission.MODERATE,
    "moderation.clarify_reply": Permission.MODERATE,
    "moderation.posting": Permission.MODERATE,
    "people.my_supporters": Permission.USE_PORTAL,
    "people.say_yes_to_supporter": Permission.USE_PORTAL,
    "people.stop_supporter": Permission.USE_PORTAL,
    "people.people_you_help": Permission.HELP_MEMBERS,
    "people.start_helping_member": Permission.HELP_MEMBERS,
    "people.stop_helping_member": Permission.USE_PORTAL,
    "people.staff_ask_supporter": Permission.MANAGE_PEOPLE,
    "people.staff_stop_supporter": Permission.MANAGE_PEOPLE,
    "words.list_words": PUBLIC,
    "words.meaning": PUBLIC,
    "words.writing_hints": PUBLIC,
    "words.add_word": Permission.EDIT_WORDS,
    "words.change_word": Permission.EDIT_WORDS,
    "report.staff_report": Permission.SEE_REPORT,
    "report.report_csv": Permission.SEE_REPORT,
    "report.choose_story": Permission.SEE_REPORT,
    "report.save_story": Permission.SEE_REPORT,
    "report.together": Permission.USE_PORTAL,
}
ROLES = [None, "member", "co_trainer", "staff", "supporter"]
# Routes that sign the asker out: each is tried from a fresh sign-in of its own.
SIGNS_YOU_OUT = {"signin.sign_out", "signin.sign_out_everywhere", "signin.sign_out_device"}


@pytest.fixture
def users_by_role(member, co_trainer, staff):
    """The conftest's people, and a supporter (tests/people/test_supporters.py has more)."""
    from tests.factories import create_user

    supporter = create_user("supporter", username="kim", display_name="Kim Evans")
    return {"member": member, "co_trainer": co_trainer, "staff": staff, "supporter": supporter}


def _rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    # Signing out would change who is asking, so those go last; everywhere goes very last.
    return sorted(
        rules,
        key=lambda rule: (
            rule.endpoint in SIGNS_YOU_OUT,
            rule.endpoint == "signin.sign_out_everywhere",
        ),
    )


def test_every_route_is_in_the_matrix(app):
    assert {rule.endpoint for rule in _rules(app)} == set(ROUTES)


def test_each_view_declares_the_permission_the_matrix_expects(app):
    for endpoint, permission in ROUTES.items():
        view = app.view_functions[endpoint]
        assert hasattr(view, "required_permission"), f"{endpoint} has no permission decision"
        assert view.required_permission == permission, endpoint


def _allowed(role: str | None, permission: Permission | None) -> bool:
    if permission is None:
        return True
    return role is not None and permission in ROLE_PERMISSIONS[Role(role)]


@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(app, client_as, users_by_role, role):
    client = client_as(role)
    target = users_by_role["member"]
    for rule in _rules(app):
        url = re.sub(r"<int:\w+>", str(target.id), rule.rule)
        asker = client_as(role) if rule.endpoint in SIGNS_YOU_OUT else client
        response = asker.get(url) if "GET" in rule.methods else asker.post_form(url, {})
        permission = ROUTES[rule.endpoint]
        signed_out_redirect = response.status_code == 302 and "/sign-in" in response.location
        label = f"{role or 'signed out'} {sorted(rule.methods - {'HEAD', 'OPTIONS'})} {url}"
        if _allowed(role, permission):
            assert response.status_code != 403, label
            if permission is not None:
                assert not signed_out_redirect, label
        elif role is None:
            assert signed_out_redirect, label  # a POST keeps what was typed, then signs in
        else:
            assert response.status_code == 403, label
            assert "You cannot use this page" in response.get_data(as_text=True), label


def test_signed_out_htmx_sends_the_whole_page_to_sign_in(app, client_as, users_by_role):
    """htmx asks for a piece of a page. Signed out, the answer is an empty 204 with
    HX-Redirect, so the whole page goes to sign in; never a sign-in page inside a piece."""
    client = client_as(None)
    target = users_by_role["member"]
    headers = {"HX-Request": "true", "HX-Current-URL": "http://localhost/sessions/?page=2"}
    for rule in _rules(app):
        if ROUTES[rule.endpoint] is PUBLIC:
            continue
        url = re.sub(r"<int:\w+>", str(target.id), rule.rule)
        if "GET" in rule.methods:
            response = client.get(url, headers=headers)
            back_to = "/sign-in?next=/sessions/?page%3D2"  # the page, not the piece
        else:
            response = client.post_form(url, {"words": "typed"}, headers=headers)
            # Never signed in: nothing is kept (the words would belong to nobody).
            back_to = "/sign-in?next=/sessions/?page%3D2"
        label = f"{sorted(rule.methods - {'HEAD', 'OPTIONS'})} {url}"
        assert response.status_code == 204, label
        assert response.get_data() == b"", label
        assert response.headers["HX-Redirect"] == back_to, label
        assert "HX-Request" in response.headers["Vary"], label


@pytest.mark.parametrize("role", ["member", "co_trainer"])
def test_refused_roles_change_nothing_by_direct_post(app, client_as, users_by_role, role):
    from portal.accounts.models import User
    from tests.factories import fetch

    client = client_as(role)
    target = users_by_role["staff"]
    response = client.post_form(f"/people/{target.id}/active", {"active": "0"})
    assert response.status_code == 403
    assert fetch(User, target.id).active is True


@pytest.mark.parametrize("role", ["member", "co_trainer"])
def test_refused_roles_cannot_moderate_by_direct_post(app, client_as, users_by_role, role):
    from portal.concerns.models import Concern
    from portal.moderation.models import LogEntry
    from tests.factories import create_board, create_concern

    board = create_board("Getting about", check_first=True)
    concern = create_concern(board.id, users_by_role["staff"].id, "Waiting for a check")
    client = client_as(role)
    for url, data in [
        (f"/moderation/concerns/{concern.id}/act", {"action": "approve"}),
        ("/moderation/bulk", {"action": "approve", "item": f"concern:{concern.id}"}),
        (f"/moderation/concerns/{concern.id}/act", {"action": "hide", "reason": "unkind"}),
        (f"/moderation/concerns/{concern.id}/clarify", {"title": "Changed"}),
        (f"/moderation/people/{users_by_role['member'].id}/posting", {"reason": "Rude"}),
    ]:
        response = client.post_form(url, data)
        assert response.status_code == 403, url
        assert "You cannot use this page" in response.get_data(as_text=True)
    with app.app_context():
        from portal.extensions import db

        assert db.session.get(Concern, concern.id).review.value == "waiting"
        assert db.session.get(Concern, concern.id).title == "Waiting for a check"
        assert db.session.query(LogEntry).count() == 0


def test_every_permission_is_asked_for_somewhere():
    """A permission nothing asks for is a decision that decides nothing: use it or remove it."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    permissions_module = root / "portal" / "accounts" / "permissions.py"
    files = [*(root / "portal").rglob("*.py"), *(root / "templates").rglob("*.html")]
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in files if path != permissions_module
    )
    unused = [p.name for p in Permission if not re.search(rf"\bPermission\.{p.name}\b", text)]
    assert not unused
