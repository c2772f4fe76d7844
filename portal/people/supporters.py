"""Supporters: asking, saying yes, stopping, and helping. Functions flush; the view commits.

The link itself, the rules and the stamp live low, in portal/accounts/helping.py and
acting_for.py, so every feature can ask them; this module is what people do with links.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable

import sqlalchemy as sa
from flask import session
from flask_login import current_user

from portal.accounts import security_log
from portal.accounts.helping import HELPING_KEY, Scope, SupportLink
from portal.accounts.models import User
from portal.accounts.permissions import Permission, has_member_rights_only, holders_of
from portal.extensions import db
from portal.notices.services import notify
from portal.timeutil import utcnow

# Features above people (sessions: the calendar address) register here what a link's end
# must undo, so whatever a supporter saw while helping stops working with the link.
ON_LINK_STOPPED: list[Callable[[SupportLink], None]] = []


def on_link_stopped(hook: Callable[[SupportLink], None]) -> Callable[[SupportLink], None]:
    ON_LINK_STOPPED.append(hook)
    return hook


class NotASupporter(ValueError):
    """The account named cannot be chosen as a supporter."""


class OnlyMembers(ValueError):
    """Only members have supporters: a supporter helping someone who runs sessions or works
    here would get (or see) what only that person may."""


def supporters_to_choose() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User).where(holders_of(Permission.HELP_MEMBERS)).order_by(User.display_name)
        )
    )


def find_supporter(username: str) -> User:
    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if user is None or user not in supporters_to_choose() or user.id == current_user.id:
        raise NotASupporter(username)
    return user


def links_of_member(member_id: int) -> list[SupportLink]:
    """The member's supporters: asked or saying yes, not stopped."""
    return list(
        db.session.scalars(
            sa.select(SupportLink)
            .where(SupportLink.member_id == member_id, SupportLink.stopped_at.is_(None))
            .order_by(SupportLink.asked_at)
        )
    )


def every_link_of(member_id: int) -> list[SupportLink]:
    """Every link the person ever had, newest first, for staff."""
    return list(
        db.session.scalars(
            sa.select(SupportLink)
            .where(SupportLink.member_id == member_id)
            .order_by(SupportLink.asked_at.desc(), SupportLink.id.desc())
        )
    )


def people_helped_by(supporter_id: int) -> list[SupportLink]:
    return list(
        db.session.scalars(
            sa.select(SupportLink)
            .join(User, User.id == SupportLink.member_id)
            .where(
                SupportLink.supporter_id == supporter_id,
                SupportLink.confirmed_at.is_not(None),
                SupportLink.stopped_at.is_(None),
                User.active.is_(True),
            )
            .order_by(User.display_name)
        )
    )


def ask_for_supporter(member: User, supporter: User, *, by: User) -> SupportLink:
    """A member (or staff, with the member there) asks; the member says yes on their own
    sign-in. Asking again for someone already asked or helping changes nothing."""
    if not has_member_rights_only(member):
        raise OnlyMembers(member.username)
    for link in links_of_member(member.id):
        if link.supporter_id == supporter.id:
            return link
    link = SupportLink(member_id=member.id, supporter_id=supporter.id, scopes=[], asked_by_id=by.id)
    db.session.add(link)
    db.session.flush()
    notify(member.id, "support_asked", link="/people/supporters", name=supporter.display_name)
    return link


def say_yes(link: SupportLink, scopes: Iterable[str]) -> None:
    if not has_member_rights_only(link.member):
        raise OnlyMembers(link.member.username)
    chosen = [scope.value for scope in Scope if scope.value in set(scopes)]
    link.scopes = chosen
    link.confirmed_at = utcnow()
    db.session.flush()
    security_log.record("support_link_started", user_id=link.member_id, actor_id=link.supporter_id)
    notify(link.supporter_id, "support_yes", link="/people/helping", name=link.member.display_name)


def stop_link(link_id: int, *, by: User) -> SupportLink | None:
    """Stop a link (or say no to one asked). The row is locked first, so a supporter's post
    that holds it finishes (stamped) before this, and anything after is refused."""
    link = db.session.scalars(
        sa.select(SupportLink)
        .where(SupportLink.id == link_id)
        .with_for_update()
        .execution_options(populate_existing=True)  # the row as it is now, not as first read
    ).first()
    if link is None or link.stopped_at is not None:
        return None
    link.stopped_at = utcnow()
    link.stopped_by_id = by.id
    db.session.flush()
    if link.confirmed_at is not None:
        security_log.record("support_link_stopped", user_id=link.member_id, actor_id=by.id)
        for hook in ON_LINK_STOPPED:
            hook(link)
    member, supporter = link.member.display_name, link.supporter.display_name
    notify(link.member_id, "support_stopped_member", link="/people/supporters", name=supporter)
    notify(link.supporter_id, "support_stopped_supporter", link="/people/helping", name=member)
    return link


def start_helping(link: SupportLink) -> None:
    session[HELPING_KEY] = {
        "member": link.member_id,
        "name": link.member.display_name,
        "visit": secrets.token_urlsafe(8),
    }
    security_log.record("helping_started", user_id=link.member_id, actor_id=link.supporter_id)


def stop_helping() -> None:
    """The supporter stops helping (or signs out): back to their own account."""
    visit = session.pop(HELPING_KEY, None)
    supporter = getattr(current_user, "helper", None)
    if visit and supporter is not None:
        security_log.record("helping_stopped", user_id=visit["member"], actor_id=supporter.id)
