"""Who may do what: the one place the portal decides it.

Every view names the permission it needs with `permission_required`. The permission matrix test
walks every route against every role, so a new route cannot land without a decision here.

Queries, views and templates ask `can(user, Permission.X)`, never which role someone has: a role
is only a bundle of permissions, decided in ROLE_PERMISSIONS below. So giving co-trainers one
more power is a one-line change here, not a hunt through the code (a test refuses role checks
anywhere else).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, request, url_for
from flask_login import current_user
from werkzeug.local import LocalProxy

from portal.accounts.models import Role, User
from portal.extensions import login_manager
from portal.htmx import go_to_page, page_path


class Permission(enum.StrEnum):
    USE_PORTAL = "use_portal"  # anything a signed-in person can do
    MANAGE_PEOPLE = "manage_people"  # add people, change roles, deactivate accounts
    RUN_SESSIONS = "run_sessions"  # add sessions; change and see who comes to those they run
    MANAGE_BOARDS = "manage_boards"  # create, rename, reorder and archive concern boards
    UPDATE_CONCERNS = "update_concerns"  # change a concern's status and say what is happening
    MODERATE = "moderate"  # hide, restore, lock, merge and edit concerns; suspend posting
    RUN_ANY_SESSION = "run_any_session"  # change any session and its agenda, not only their own
    SEE_EVERY_GROUP = "see_every_group"  # sessions and boards of groups they are not in
    # Concerns and replies waiting for a check or hidden, and the words before staff rewrote them.
    SEE_HIDDEN_CONCERNS = "see_hidden_concerns"
    HELP_MEMBERS = "help_members"  # see "People you help" and help those who chose them
    EDIT_WORDS = "edit_words"  # the glossary on the Words page: meanings, examples, pictures
    # The participation report (names and numbers across everyone) and choosing what the
    # members' "What we did together" page shows.
    SEE_REPORT = "see_report"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.MEMBER: frozenset({Permission.USE_PORTAL}),
    Role.CO_TRAINER: frozenset(
        {Permission.USE_PORTAL, Permission.RUN_SESSIONS, Permission.UPDATE_CONCERNS}
    ),
    Role.SUPPORTER: frozenset({Permission.USE_PORTAL, Permission.HELP_MEMBERS}),
    Role.STAFF: frozenset(
        {
            Permission.USE_PORTAL,
            Permission.MANAGE_PEOPLE,
            Permission.RUN_SESSIONS,
            Permission.RUN_ANY_SESSION,
            Permission.MANAGE_BOARDS,
            Permission.UPDATE_CONCERNS,
            Permission.MODERATE,
            Permission.SEE_EVERY_GROUP,
            Permission.SEE_HIDDEN_CONCERNS,
            Permission.EDIT_WORDS,
            Permission.SEE_REPORT,
        }
    ),
}


def role_can(role: Role, permission: Permission) -> bool:
    """What a role allows, whatever the state of any one account."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def can(user: Any, permission: Permission) -> bool:
    """True when `user` (possibly anonymous) holds `permission`."""
    if isinstance(user, LocalProxy):
        # current_user, most often: looked up once here, not once for each attribute read.
        user = user._get_current_object()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if getattr(user, "helper", None) is not None:
        # Acting for a member: only what members do, never more (acting_for.py says which).
        return permission == Permission.USE_PORTAL and role_can(user.role, permission)
    return role_can(user.role, permission)


def holders_of(permission: Permission) -> sa.ColumnElement:
    """A WHERE clause on User: the people who hold `permission`, for a query."""
    roles = [role for role in Role if role_can(role, permission)]
    return sa.and_(User.role.in_(roles), User.active.is_(True))


def lacking(permission: Permission) -> sa.ColumnElement:
    """A WHERE clause on User: the people whose role does not give `permission`."""
    return User.role.not_in([role for role in Role if role_can(role, permission)])


# The role a member takes on when they accept an invitation to co-train (portal/learning).
CO_TRAINING_ROLE = Role.CO_TRAINER


def has_member_rights_only(person: User) -> bool:
    """An active account whose role gives what a member's gives, no more (whoever is helping):
    only such a person can have supporters or accept an invitation to co-train."""
    return (
        bool(person.active) and ROLE_PERMISSIONS.get(person.role) == ROLE_PERMISSIONS[Role.MEMBER]
    )


def posting_can_be_stopped(person: User) -> bool:
    """Staff can stop a person posting, unless that person moderates too: a moderator could
    lift the stop on themselves, so the rule would mean nothing."""
    return not role_can(person.role, Permission.MODERATE)


def permission_required(permission: Permission) -> Callable:
    """Send signed-out people to sign in; refuse signed-in people without `permission` (403)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                if request.method == "POST":
                    # Their sign-in ended while they typed: keep their words rather than lose
                    # them (only for that person; a stranger's post keeps nothing).
                    from portal.accounts.kept_forms import keep_form_and_sign_in

                    return keep_form_and_sign_in()
                if getattr(request, "htmx", None):
                    return _sign_in_from_htmx()
                return login_manager.unauthorized()
            if not can(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = permission  # read by the permission matrix test
        return wrapped

    return decorator


def _sign_in_from_htmx():
    """Signed out, and htmx asked for a piece of a page: the whole page goes to sign in
    (and back to this page after), rather than a sign-in page inside a piece of this one."""
    flash(login_manager.login_message, login_manager.login_message_category)
    return go_to_page(url_for(login_manager.login_view, next=page_path()))


def public(view: Callable) -> Callable:
    """Mark a view as open to everyone, signed in or not: a decision, not an omission."""
    view.required_permission = None
    return view
