"""The "acting for" rule (portal/accounts/acting_for.py): a supporter may do one thing for one
member only through that member's own confirmed, not stopped, link that allows it."""

from __future__ import annotations

import pytest

from portal.accounts.acting_for import can_act_for, may_reach_while_helping
from portal.accounts.helping import Scope, SupportLink
from portal.extensions import db
from tests.factories import create_user
from tests.people.support_helpers import link


@pytest.fixture
def kim(app):
    return create_user("supporter", username="kim", display_name="Kim Evans")


def _check(app, supporter, member, scope, link_id):
    with app.app_context():
        row = db.session.get(SupportLink, link_id) if link_id else None
        return can_act_for(supporter, member, scope, row)


def test_only_the_scopes_the_member_allowed(app, member, kim):
    chosen = link(member, kim, scopes=("see", "coming"))
    assert _check(app, kim, member, Scope.COMING, chosen.id)
    assert not _check(app, kim, member, Scope.CONCERNS, chosen.id)
    assert not _check(app, kim, member, Scope.AGENDA, chosen.id)


def test_not_before_the_member_says_yes(app, member, kim):
    asked = link(member, kim, confirmed=False)
    assert not _check(app, kim, member, Scope.SEE, asked.id)


def test_not_for_another_member_or_another_supporter(app, member, kim, other_member):
    chosen = link(member, kim)
    lee = create_user("supporter", username="lee", display_name="Lee")
    assert not _check(app, kim, other_member, Scope.SEE, chosen.id)
    assert not _check(app, lee, member, Scope.SEE, chosen.id)


def test_not_after_it_stopped(app, member, kim):
    from portal.timeutil import utcnow

    chosen = link(member, kim)
    with app.app_context():
        db.session.get(SupportLink, chosen.id).stopped_at = utcnow()
        db.session.commit()
    assert not _check(app, kim, member, Scope.SEE, chosen.id)


def test_only_accounts_that_help_members(app, member, staff):
    chosen = link(member, staff)  # staff are not supporters: the rule says no
    assert not _check(app, staff, member, Scope.SEE, chosen.id)


def test_never_sign_in_settings_email_or_staff_pages_whatever_the_scopes():
    every = frozenset(scope.value for scope in Scope)
    for endpoint in [
        "signin.my_sign_in",
        "signin.add_passkey",
        "signin.sign_out_everywhere",
        "notices.email_settings",
        "people.list_people",
        "people.my_supporters",
        "people.say_yes_to_supporter",
        "moderation.queue",
        "sessions.add_session",
        "a.page.added.later",
    ]:
        assert not may_reach_while_helping(endpoint, every), endpoint
