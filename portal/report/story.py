"""The members' "What we did together": the numbers in words, the concerns that changed things,
and what comes next, as staff chose to show them (StoryChoice).

Only what every member may see goes on it: counts, concerns on boards for everyone that are
shown there, and sessions for everyone. Staff pick the concerns; the page never names a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from portal.accounts.models import User
from portal.accounts.permissions import Permission, lacking
from portal.concerns.models import Board, Concern, ConcernUpdate, Review, Status
from portal.extensions import db
from portal.report.filters import ReportFilter, default_filter
from portal.report.models import CONCERNS_MAX, StoryChoice
from portal.sessions.came import Came
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow

CHANGED_THINGS = (Status.ACTION, Status.DONE)
CANDIDATES_MAX = 30
NEXT_SESSIONS = 3


@dataclass(frozen=True)
class StoryNumbers:
    met: int  # sessions held
    came: int  # different people who came
    raised: int  # concerns raised
    done: int  # of those, done now


def current_choice() -> StoryChoice | None:
    return db.session.scalar(sa.select(StoryChoice).order_by(StoryChoice.id).limit(1))


def _for_everyone():
    """Concerns every member can see: shown, not merged, on a board for everyone."""
    return sa.and_(
        Concern.review == Review.SHOWN,
        Concern.merged_into_id.is_(None),
        Concern.board_id.in_(
            sa.select(Board.id).where(Board.group_id.is_(None), Board.archived_at.is_(None))
        ),
    )


def story_numbers(start: date, end: date) -> StoryNumbers:
    """One query: sessions held, members who came, concerns they raised and how many are done.
    Members as the staff report counts them: everyone but staff."""
    span = ReportFilter(start, end)
    held = sa.and_(
        span.within(TrainingSession.start_at),
        TrainingSession.start_at <= utcnow(),
        TrainingSession.cancelled_at.is_(None),
    )
    members = sa.select(User.id).where(lacking(Permission.MANAGE_PEOPLE))  # as the report counts
    raised = sa.and_(
        span.within(Concern.created_at), _for_everyone(), Concern.author_id.in_(members)
    )
    count = sa.func.count
    met, came, raised_count, done = db.session.execute(
        sa.select(
            sa.select(count()).select_from(TrainingSession).where(held).scalar_subquery(),
            sa.select(count(sa.distinct(Came.user_id)))
            .join(TrainingSession, TrainingSession.id == Came.session_id)
            .where(held, Came.user_id.in_(members))
            .scalar_subquery(),
            sa.select(count()).select_from(Concern).where(raised).scalar_subquery(),
            sa.select(count())
            .select_from(Concern)
            .where(raised, Concern.status == Status.DONE)
            .scalar_subquery(),
        )
    ).one()
    return StoryNumbers(met, came, raised_count, done)


def candidate_concerns() -> list[Concern]:
    """What staff choose from: concerns for everyone where things changed, most support first."""
    return list(
        db.session.scalars(
            sa.select(Concern)
            .where(_for_everyone(), Concern.status.in_(CHANGED_THINGS))
            .order_by(Concern.support_count.desc(), Concern.id.desc())
            .limit(CANDIDATES_MAX)
        )
    )


@dataclass(frozen=True)
class ChangedThing:
    concern: Concern
    last_words: str  # the latest update's words, if any


def chosen_concerns(ids: list[int]) -> list[ChangedThing]:
    """The concerns staff picked, in their order, that members can still see, with the latest
    update staff or a co-trainer gave (its words, never its author)."""
    ids = [i for i in ids if isinstance(i, int)][:CONCERNS_MAX]
    if not ids:
        return []
    found = {
        concern.id: concern
        for concern in db.session.scalars(
            sa.select(Concern).where(Concern.id.in_(ids), _for_everyone())
        )
    }
    latest = (
        sa.select(ConcernUpdate.concern_id, sa.func.max(ConcernUpdate.id).label("last_id"))
        .where(ConcernUpdate.concern_id.in_(list(found)))
        .group_by(ConcernUpdate.concern_id)
        .subquery()
    )
    words = dict(
        db.session.execute(
            sa.select(ConcernUpdate.concern_id, ConcernUpdate.words).join(
                latest, latest.c.last_id == ConcernUpdate.id
            )
        ).all()
    )
    return [ChangedThing(found[i], words.get(i, "")) for i in ids if i in found]


def next_sessions() -> list[TrainingSession]:
    """The next few sessions for everyone."""
    return list(
        db.session.scalars(
            sa.select(TrainingSession)
            .where(
                TrainingSession.start_at > utcnow(),
                TrainingSession.cancelled_at.is_(None),
                TrainingSession.group_id.is_(None),
            )
            .order_by(TrainingSession.start_at, TrainingSession.id)
            .limit(NEXT_SESSIONS)
        )
    )


def save_choice(
    by: User,
    *,
    from_day: date,
    to_day: date,
    show_numbers: bool,
    concern_ids: list[int],
    show_next: bool,
    next_words: str,
    shared: bool,
) -> StoryChoice:
    """Keep what staff chose. Sharing stamps the time; stopping takes it away."""
    choice = current_choice()
    if choice is None:
        choice = StoryChoice(from_day=from_day, to_day=to_day)
        db.session.add(choice)
    if from_day > to_day:
        from_day, to_day = to_day, from_day
    choice.from_day, choice.to_day = from_day, to_day
    choice.show_numbers = show_numbers
    choice.concern_ids = list(concern_ids)[:CONCERNS_MAX]
    choice.show_next = show_next
    choice.next_words = next_words
    if shared and choice.shared_at is None:
        choice.shared_at = utcnow()
    elif not shared:
        choice.shared_at = None
    choice.changed_at = utcnow()
    choice.changed_by_id = by.id
    db.session.flush()
    return choice


def default_span() -> tuple[date, date]:
    span = default_filter()
    return span.start, span.end
