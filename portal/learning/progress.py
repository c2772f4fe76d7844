"""What a person has done toward the steps, counted from real attendance and agendas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from portal.accounts.models import User
from portal.accounts.permissions import Permission, lacking
from portal.agendas.models import Agenda, AgendaItem, AgendaSuggestion, SuggestionStatus
from portal.extensions import db
from portal.learning.models import STEP_KINDS, CoTrainerInvite, LearningStep, LedPart
from portal.learning.models import TrainTheTrainers as TtT
from portal.sessions.came import Came
from portal.sessions.models import TrainingSession


def list_steps() -> list[LearningStep]:
    return list(db.session.scalars(sa.select(LearningStep).order_by(LearningStep.id)))


def _came_counts(user_ids: list[int], only_ttt: bool) -> dict[int, int]:
    query = (
        sa.select(Came.user_id, sa.func.count())
        .join(TrainingSession, TrainingSession.id == Came.session_id)
        .where(Came.user_id.in_(user_ids), TrainingSession.cancelled_at.is_(None))
        .group_by(Came.user_id)
    )
    if only_ttt:
        query = query.join(TtT, TtT.session_id == Came.session_id)
    return {row[0]: row[1] for row in db.session.execute(query)}


def _led_counts(user_ids: list[int]) -> dict[int, int]:
    query = (
        sa.select(LedPart.user_id, sa.func.count())
        .join(AgendaItem, AgendaItem.id == LedPart.item_id)
        .where(LedPart.user_id.in_(user_ids), AgendaItem.deleted_at.is_(None))
        .group_by(LedPart.user_id)
    )
    return {row[0]: row[1] for row in db.session.execute(query)}


def done_counts(user_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """For each person: how many sessions they came to, Train the trainers sessions, parts led."""
    ids = list(user_ids)
    if not ids:
        return {}
    counts = {
        "sessions": _came_counts(ids, only_ttt=False),
        "train_the_trainers": _came_counts(ids, only_ttt=True),
        "led_parts": _led_counts(ids),
    }
    return {user_id: {kind: counts[kind].get(user_id, 0) for kind in STEP_KINDS} for user_id in ids}


@dataclass
class StepProgress:
    step: LearningStep
    have: int

    @property
    def done(self) -> bool:
        return self.have >= self.step.number

    @property
    def shown(self) -> int:
        return min(self.have, self.step.number)


def path_for(user_id: int, steps: list[LearningStep] | None = None) -> list[StepProgress]:
    steps = list_steps() if steps is None else steps
    have = done_counts([user_id]).get(user_id, {})
    return [StepProgress(step, have.get(step.kind, 0)) for step in steps]


def to_go(progress: list[StepProgress]) -> int:
    """How many things are left to do, over all the steps."""
    return sum(max(0, p.step.number - p.have) for p in progress)


@dataclass
class Learner:
    person: User
    progress: list[StepProgress]
    invite: CoTrainerInvite | None

    @property
    def left(self) -> int:
        return to_go(self.progress)


def open_invite(user_id: int) -> CoTrainerInvite | None:
    return db.session.scalar(
        sa.select(CoTrainerInvite)
        .where(CoTrainerInvite.user_id == user_id, CoTrainerInvite.answer.is_(None))
        .order_by(CoTrainerInvite.id.desc())
        .limit(1)
    )


def learners(limit: int = 10) -> list[Learner]:
    """Members (people who do not run sessions yet), closest to the steps first."""
    steps = list_steps()
    people = list(
        db.session.scalars(
            sa.select(User).where(lacking(Permission.RUN_SESSIONS), User.active.is_(True))
        )
    )
    counts = done_counts(person.id for person in people)
    invites = {
        invite.user_id: invite
        for invite in db.session.scalars(
            sa.select(CoTrainerInvite).where(CoTrainerInvite.answer.is_(None))
        )
    }
    found = [
        Learner(
            person,
            [StepProgress(step, counts[person.id].get(step.kind, 0)) for step in steps],
            invites.get(person.id),
        )
        for person in people
    ]
    found.sort(key=lambda learner: (learner.left, learner.person.display_name, learner.person.id))
    return found[:limit]


def topics_covered(user_id: int) -> list[tuple[TrainingSession, list[str]]]:
    """The parts of the published agendas of the sessions this person came to."""
    rows = db.session.execute(
        sa.select(TrainingSession, AgendaItem.title)
        .join(Came, Came.session_id == TrainingSession.id)
        .join(Agenda, Agenda.session_id == TrainingSession.id)
        .join(AgendaItem, AgendaItem.agenda_id == Agenda.id)
        .where(
            Came.user_id == user_id,
            Agenda.published_at.is_not(None),
            AgendaItem.deleted_at.is_(None),
        )
        .order_by(TrainingSession.start_at.desc(), AgendaItem.position)
    ).all()
    grouped: dict[int, tuple[TrainingSession, list[str]]] = {}
    for session, title in rows:
        grouped.setdefault(session.id, (session, []))[1].append(title)
    return list(grouped.values())


def ideas_on_agendas(user_id: int) -> list[tuple[str, TrainingSession]]:
    return [
        (row[0], row[1])
        for row in db.session.execute(
            sa.select(AgendaSuggestion.title, TrainingSession)
            .join(Agenda, Agenda.id == AgendaSuggestion.agenda_id)
            .join(TrainingSession, TrainingSession.id == Agenda.session_id)
            .where(
                AgendaSuggestion.user_id == user_id,
                AgendaSuggestion.status == SuggestionStatus.ACCEPTED,
            )
            .order_by(TrainingSession.start_at.desc())
        )
    ]
