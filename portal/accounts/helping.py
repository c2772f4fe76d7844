"""Help from someone the member chose: the support link, and acting for a member.

A supporter signs in with their own account. While they help Sam, the person the portal acts
for (`current_user`) is Sam, and `helper()` is the supporter: every feature's own rules (whose
booking, whose reply, who is stopped from posting) then hold for the supporter unchanged, and
anything a row records as done by Sam is also stamped `helped_by` (the `HelpedBy` columns).

The link is checked on every request, in the same transaction as anything the request writes
(`live_link`, locked on PostgreSQL for a post), so a member who stops a link ends it at once:
a later request is refused, a racing one is either refused or stamped, never unstamped.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import g, has_request_context, request, session
from flask_login import current_user
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow

# Where a helping visit lives in the supporter's own (signed, server-checked) session.
HELPING_KEY = "helping"


class Scope(enum.StrEnum):
    """What a member lets a supporter do. Each is one line, with a picture, on the yes page."""

    SEE = "see"  # see sessions, help needs and notices
    COMING = "coming"  # say "I'm coming" and choose help needs
    CONCERNS = "concerns"  # raise, support and reply to concerns
    AGENDA = "agenda"  # suggest things to talk about


class SupportLink(db.Model):
    """One member chose one supporter. Asked, then confirmed by the member, until stopped."""

    __tablename__ = "support_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    supporter_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    scopes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    asked_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    stopped_at: Mapped[datetime | None]
    stopped_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    member: Mapped[User] = relationship(foreign_keys=[member_id])
    supporter: Mapped[User] = relationship(foreign_keys=[supporter_id])

    __table_args__ = (
        sa.Index("ix_support_link_member_id", "member_id"),
        sa.Index("ix_support_link_supporter_id", "supporter_id"),
    )

    @property
    def is_live(self) -> bool:
        return self.confirmed_at is not None and self.stopped_at is None

    def allows(self, scope: Scope) -> bool:
        return self.is_live and scope.value in (self.scopes or [])


class HelpedBy:
    """The column pattern for anything a member does that a supporter may have helped with.

    Add it to a model, add a `helped_by_id` column in a migration, and say whose row it is
    (`helped_owner`). New rows made while helping that member are stamped by themselves;
    `helped_on_change` stamps changes too (a booking changes rather than appears again).
    `help_note()` says what happened, for the member's "Jo helped you" notice."""

    helped_owner = "user_id"
    helped_on_change = False

    @declared_attr
    def helped_by_id(cls) -> Mapped[int | None]:
        return mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    @declared_attr
    def helped_by(cls) -> Mapped[User | None]:
        return relationship(User, foreign_keys=f"{cls.__name__}.helped_by_id", lazy="selectin")

    def help_note(self) -> tuple[str, dict[str, Any]] | None:
        return None


def helper() -> User | None:
    """The supporter, while someone is helping the signed-in member on this request."""
    if not has_request_context():
        return None
    user = current_user._get_current_object()  # one lookup through the proxy, not two
    return getattr(user, "helper", None) if user.is_authenticated else None


def acting_and_helper() -> tuple[User | None, User | None]:
    """Who the portal acts for, and who helps them (None when nobody does)."""
    if not has_request_context() or not current_user.is_authenticated:
        return None, None
    return current_user._get_current_object(), helper()


def note_help(describe: Callable[[], tuple[str, dict[str, Any]] | None]) -> None:
    """Remember something done with help, told to the member when the request has answered."""
    if helper() is not None:
        g.setdefault("helped_actions", []).append(describe)


def live_link(member_id: int, supporter_id: int, *, lock: bool = False) -> SupportLink | None:
    """The confirmed, not stopped, link from `member_id` to `supporter_id`, if there is one.

    With `lock`, PostgreSQL holds the row until this request commits: a member stopping the
    link at that moment waits, so the write it races is stamped, not lost."""
    query = sa.select(SupportLink).where(
        SupportLink.member_id == member_id,
        SupportLink.supporter_id == supporter_id,
        SupportLink.confirmed_at.is_not(None),
        SupportLink.stopped_at.is_(None),
    )
    if lock:
        query = query.with_for_update()
    return db.session.scalars(query.order_by(SupportLink.id.desc())).first()


def acting_user(supporter: User) -> User:
    """Who this request acts for: the member being helped, if the link still holds, else the
    supporter (and `g.help_ended` names the member whose link ended, for the easy-read page)."""
    visit = session.get(HELPING_KEY)
    supporter.helper = None
    if not visit:
        return supporter
    link = live_link(visit["member"], supporter.id, lock=request.method == "POST")
    member = link.member if link is not None else None
    from portal.accounts.permissions import Permission, role_can

    still_helps = role_can(supporter.role, Permission.HELP_MEMBERS)
    if member is None or not member.active or not supporter.active or not still_helps:
        g.help_ended = member.display_name if member else visit.get("name", "")
        return supporter
    member.helper = supporter
    member.help_scopes = frozenset(link.scopes or [])
    member.help_visit = visit["visit"]
    # Flask-Login names this browser's sign-in by its token: it stays the supporter's.
    member.device_token = supporter.device_token
    return member


@sa.event.listens_for(sa.orm.Session, "before_flush")
def _stamp_helped_rows(flush_session, flush_context, instances) -> None:
    supporter = helper()
    if supporter is None:
        return
    member_id = current_user.id
    changed = [obj for obj in flush_session.dirty if getattr(obj, "helped_on_change", False)]
    for obj in [*flush_session.new, *changed]:
        if not isinstance(obj, HelpedBy) or getattr(obj, obj.helped_owner) != member_id:
            continue
        if obj in flush_session.dirty and not flush_session.is_modified(obj):
            continue
        obj.helped_by_id = supporter.id
        note_help(obj.help_note)


def load_acting_user(token: str) -> User | None:
    """Flask-Login's loader: the signed-in person, or the member they are helping now."""
    from portal.accounts.services import load_user_for_token

    user = load_user_for_token(token)
    return acting_user(user) if user is not None else None


def helped_by_for(owner_id: int) -> int | None:
    """The `helped_by_id` for a row of `owner_id` written with plain SQL (not the ORM): the
    supporter's id when they are helping that member now, else None."""
    supporter = helper()
    return supporter.id if supporter is not None and current_user.id == owner_id else None
