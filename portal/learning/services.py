"""Writes on the path to co-trainer. Functions flush, never commit: the view commits once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa
from flask import url_for

from portal.accounts import security_log
from portal.accounts.models import User
from portal.accounts.permissions import (
    CO_TRAINING_ROLE,
    Permission,
    can,
    has_member_rights_only,
    role_can,
)
from portal.agendas.models import AgendaItem
from portal.database import insert_or_ignore
from portal.extensions import db
from portal.learning.models import (
    STEP_KINDS,
    CoTrainerInvite,
    LearningStep,
    LedPart,
    TrainTheTrainers,
)
from portal.learning.progress import open_invite
from portal.notices.services import notify
from portal.timeutil import utcnow


def add_step(kind: str, number: int) -> LearningStep:
    if kind not in STEP_KINDS or not 1 <= number <= 100:
        raise ValueError(kind)
    step = LearningStep(kind=kind, number=number)
    db.session.add(step)
    db.session.flush()
    return step


def remove_step(step_id: int) -> None:
    db.session.execute(sa.delete(LearningStep).where(LearningStep.id == step_id))


def set_train_the_trainers(session_ids: Iterable[int], offered: Iterable[int]) -> None:
    """Of the sessions `offered` on the page, exactly `session_ids` are Train the trainers."""
    chosen, offered = set(session_ids), set(offered)
    gone = offered - chosen
    if gone:
        db.session.execute(sa.delete(TrainTheTrainers).where(TrainTheTrainers.session_id.in_(gone)))
    for session_id in chosen & offered:
        db.session.execute(insert_or_ignore(TrainTheTrainers, {"session_id": session_id}))


def record_led(item: AgendaItem, person_ids: Iterable[int], offered: Iterable[int], by: User):
    """Of the people `offered` for this part, exactly `person_ids` led it. Safe to send twice."""
    chosen, offered = set(person_ids), set(offered)
    gone = offered - chosen
    if gone:
        db.session.execute(
            sa.delete(LedPart).where(LedPart.item_id == item.id, LedPart.user_id.in_(gone))
        )
    for person_id in chosen & offered:
        db.session.execute(
            insert_or_ignore(
                LedPart,
                {
                    "item_id": item.id,
                    "user_id": person_id,
                    "recorded_by_id": by.id,
                    "recorded_at": utcnow(),
                },
            )
        )


class CannotInvite(Exception):
    """The person runs sessions already, or is not an active account."""


def invite_to_co_train(person: User, by: User) -> CoTrainerInvite:
    """Invite a member; asking again while an invitation is open changes nothing."""
    if not person.active or can(person, Permission.RUN_SESSIONS):
        raise CannotInvite
    existing = open_invite(person.id)
    if existing is not None:
        return existing
    invite = CoTrainerInvite(user_id=person.id, invited_by_id=by.id)
    db.session.add(invite)
    db.session.flush()
    notify(person.id, "cotrainer_invited", link=url_for("learning.my_learning"), by=by.display_name)
    return invite


class AlreadyAnswered(Exception):
    """The invitation was answered before (on another phone, say)."""


class InviteNoLongerValid(Exception):
    """Too old, or things changed since it was sent: the invitation is closed, not used."""


# An invitation is a decision staff made about the person as they were then.
INVITE_VALID_FOR = timedelta(days=60)


def _still_valid(invite: CoTrainerInvite, person: User) -> bool:
    inviter = invite.invited_by
    return (
        has_member_rights_only(person)
        and inviter is not None
        and bool(inviter.active)
        # The inviter's role, not can(): whether the inviter is being helped right now is
        # nothing to do with it.
        and role_can(inviter.role, Permission.MANAGE_PEOPLE)
        and utcnow() - invite.created_at <= INVITE_VALID_FOR
    )


def answer_invite(invite: CoTrainerInvite, person: User, accept: bool) -> None:
    """The member's answer. Yes makes them a co-trainer at once, written in the security log.

    One conditional UPDATE claims the invitation, so two taps at once answer it once. A yes
    to an invitation that is too old, or whose inviter or invitee changed since, closes it and
    changes nothing else.
    """
    refused = accept and not _still_valid(invite, person)
    if refused:
        accept = False
    claimed = db.session.execute(
        sa.update(CoTrainerInvite)
        .where(CoTrainerInvite.id == invite.id, CoTrainerInvite.answer.is_(None))
        .values(
            answer="closed" if refused else "accepted" if accept else "not_now",
            answered_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise AlreadyAnswered
    db.session.refresh(invite)
    if refused:
        raise InviteNoLongerValid
    if accept:
        person.role = CO_TRAINING_ROLE
        db.session.flush()
        security_log.record(
            "role_changed", user_id=person.id, actor_id=person.id, detail=CO_TRAINING_ROLE.value
        )
    if invite.invited_by_id:
        kind = "cotrainer_accepted" if accept else "cotrainer_not_now"
        notify(invite.invited_by_id, kind, link=url_for("learning.steps"), name=person.display_name)
