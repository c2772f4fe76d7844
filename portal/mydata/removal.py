"""Removing an account: the person asks, staff confirm, and then no name is left behind.

What stays, so that what others rely on stays true:
- a concern, reply or idea stays when someone else took part in it (replied after it,
  supported or backed it, reported it, put it on an agenda, gave an update, merged it): it
  then shows "A member". With nobody else in it, it goes.
- supports, idea backing, "I'm coming" on past sessions and "came" stay as rows of the
  account, which has no name any more: every count stays right, and nobody can tell whose.
- the security log keeps every line, and one more that says the account was removed.
What goes: ways to sign in, news, drafts, kept words, settings, groups, supporters, help
needs, the words of feedback, coming sessions (the place goes to the next person waiting).
The account row itself stays as "A member", turned off, with no username, email or password.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa

from portal.accounts import security_log
from portal.accounts.models import NoticeEmail, User
from portal.accounts.permissions import Permission, can, holders_of
from portal.extensions import db
from portal.mydata import keep_or_remove
from portal.notices.models import Notice
from portal.notices.services import notify
from portal.sessions.feedback import Feedback
from portal.sessions.models import Booking, BookingStatus, TrainingSession
from portal.sessions.services import say_not_coming
from portal.timeutil import utcnow

# Stored as the name of a removed account, so every page that shows a name shows this.
# It is stored in English: a Welsh page shows it in English too (not translated yet).
REMOVED_NAME = "A member"

# Rows that are only the person's own: they go. (table, the column naming the person)
ONLY_THEIRS = (
    ("kept_form", "user_id"),  # before device_session: a kept form names its sign-in
    ("device_session", "user_id"),
    ("calendar_feed", "user_id"),
    ("offline_tap", "user_id"),
    ("email_digest", "user_id"),
    ("email_link", "user_id"),
    ("login_card", "user_id"),
    ("passkey", "user_id"),
    ("passkey_challenge", "user_id"),
    ("reading_settings", "user_id"),
    ("concern_draft", "user_id"),
    ("session_seen", "user_id"),
    ("agenda_seen", "user_id"),
    ("notice", "user_id"),
    ("support_link", "member_id"),
    ("support_link", "supporter_id"),
    ("cotrainer_invite", "user_id"),
    ("group_member", "user_id"),
    ("moderation_suspension", "user_id"),
)


def may_ask_to_remove(person: Any) -> bool:
    """Anyone may ask, except those who look after people: staff leave through People."""
    return bool(person.active) and not can(person, Permission.MANAGE_PEOPLE)


def ask_to_remove(person: User) -> None:
    if person.removal_asked_at is None:
        person.removal_asked_at = utcnow()
        security_log.record("removal_asked", user_id=person.id)
        staff = db.session.scalars(sa.select(User.id).where(holders_of(Permission.MANAGE_PEOPLE)))
        notify(staff.all(), "removal_asked", link="/people/removals", name=person.display_name)
    db.session.flush()


def take_back_asking(person: User) -> None:
    if person.removal_asked_at is not None:
        person.removal_asked_at = None
        security_log.record("removal_taken_back", user_id=person.id)
    db.session.flush()


def list_asking() -> list[User]:
    """People waiting for staff to remove their account, who asked first at the top."""
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.removal_asked_at.is_not(None), User.removed_at.is_(None))
            .order_by(User.removal_asked_at, User.id)
        )
    )


def remove_account(person: User, by: User) -> None:
    """Staff confirmed: remove the person as the module's opening says. Flushes, never commits."""
    old_names = {person.display_name, person.username, person.email} - {None, ""}
    _leave_coming_sessions(person)
    _forget_help_and_feedback_words(person)
    keep_or_remove.concerns_replies_and_ideas(person)
    for table_name, column in ONLY_THEIRS:
        table = db.metadata.tables[table_name]
        db.session.execute(sa.delete(table).where(table.c[column] == person.id))
    _scrub_names(old_names)
    person.username = f"removed-{person.id}"
    person.display_name = REMOVED_NAME
    person.email = None
    person.password_hash = None
    person.language = None
    person.notice_email = NoticeEmail.NONE
    person.active = False
    person.removed_at = utcnow()
    security_log.record("account_removed", user_id=person.id, actor_id=by.id)
    db.session.flush()


def _leave_coming_sessions(person: User) -> None:
    coming = db.session.scalars(
        sa.select(TrainingSession)
        .join(Booking, Booking.session_id == TrainingSession.id)
        .where(
            Booking.user_id == person.id,
            Booking.status.in_([BookingStatus.GOING, BookingStatus.WAITING]),
            TrainingSession.end_at > utcnow(),
            TrainingSession.cancelled_at.is_(None),
        )
    ).all()
    for session in coming:
        say_not_coming(session, person)  # the first person waiting gets the place


def _forget_help_and_feedback_words(person: User) -> None:
    db.session.execute(
        sa.update(Booking)
        .where(Booking.user_id == person.id)
        .values(help_needs=[], help_other="")
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(Feedback)
        .where(Feedback.user_id == person.id)
        .values(what_good="", what_change="", named=False)
        .execution_options(synchronize_session=False)
    )


def _without(value: Any, names: set[str]) -> Any:
    if isinstance(value, str):
        # Whole words only: a short name ("Al") must not change "Always" in someone's news.
        for name in sorted(names, key=len, reverse=True):
            value = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", REMOVED_NAME, value)
        return value
    if isinstance(value, list):
        return [_without(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, names) for key, item in value.items()}
    return value


def _scrub_names(names: set[str]) -> None:
    """Other people's news and typed-in leader names said this person's name: not any more."""
    from portal.agendas.models import AgendaItem

    if not names:
        return
    said = sa.or_(*[sa.cast(Notice.params, sa.Text).contains(name) for name in names])
    for notice in db.session.scalars(sa.select(Notice).where(said)):
        notice.params = _without(notice.params, names)
    typed = sa.or_(*[AgendaItem.leaders.contains(name) for name in names])
    for item in db.session.scalars(sa.select(AgendaItem).where(typed)):
        item.leaders = _without(item.leaders, names)
