"""How was it? One answer per person who came, per session: a face and, if they like, words.

Anonymous unless the member ticks "Say it was me": the summary that trainers see carries a
name only then, and lists answers in an order that says nothing about who answered when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from portal.accounts.helping import HelpedBy, helped_by_for, note_help
from portal.accounts.models import User
from portal.accounts.permissions import Permission, can
from portal.database import dialect_insert
from portal.extensions import db
from portal.sessions.came import person_came
from portal.sessions.models import TrainingSession, session_trainer
from portal.sessions.panels import session_panel
from portal.sessions.queries import runs_session, visible_to
from portal.timeutil import utcnow

# code -> (picture, words), best first.
FACES: dict[str, tuple[str, object]] = {
    "good": ("face-good", _l("Good")),
    "ok": ("face-ok", _l("All right")),
    "not_good": ("face-not-good", _l("Not good")),
}
CHANGEABLE_FOR = timedelta(days=7)
WORDS_LIMIT = 2000


class Feedback(HelpedBy, db.Model):
    __tablename__ = "session_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("training_session.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    face: Mapped[str] = mapped_column(sa.String(10))
    what_good: Mapped[str] = mapped_column(sa.Text, default="")
    what_change: Mapped[str] = mapped_column(sa.Text, default="")
    named: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("session_id", "user_id"),
        sa.Index("ix_session_feedback_user_id", "user_id"),
    )


class FeedbackClosed(Exception):
    """Not open for this person now; `reason` says why in easy words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def closed_reason(session: TrainingSession, user: User, now: datetime | None = None):
    """None when this person may give (or change) feedback now, else why not."""
    now = now or utcnow()
    if not person_came(session.id, user.id):
        return _l("Only people who came can say how it was.")
    if session.is_cancelled or session.end_at > now:
        return _l("You can say how it was after the session.")
    if now > session.end_at + CHANGEABLE_FOR:
        return _l("It is more than a week since the session. You cannot change this now.")
    return None


def own_feedback(session_id: int, user_id: int) -> Feedback | None:
    return db.session.scalar(
        sa.select(Feedback).where(Feedback.session_id == session_id, Feedback.user_id == user_id)
    )


def give_feedback(
    session: TrainingSession,
    user: User,
    *,
    face: str,
    what_good: str = "",
    what_change: str = "",
    named: bool = False,
) -> None:
    """Save this person's answer, or change it. One statement, so a double send makes one row."""
    reason = closed_reason(session, user)
    if reason:
        raise FeedbackClosed(str(reason))
    if face not in FACES:
        raise ValueError(face)
    now = utcnow()
    answer = {
        "face": face,
        "what_good": what_good[:WORDS_LIMIT],
        "what_change": what_change[:WORDS_LIMIT],
        "named": named,
        "changed_at": now,
        "helped_by_id": helped_by_for(user.id),
    }
    db.session.execute(
        dialect_insert(Feedback)
        .values(session_id=session.id, user_id=user.id, created_at=now, **answer)
        .on_conflict_do_update(index_elements=["session_id", "user_id"], set_=answer)
    )
    title = session.title
    note_help(lambda: ("feedback", {"title": title}))


@dataclass
class Said:
    face: str
    what_good: str
    what_change: str
    name: str | None  # only when they chose "Say it was me"


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    said: list[Said] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def summary(session_id: int) -> Summary:
    """Faces counted and the words, for the people running a session. Never who, unless told."""
    rows = db.session.execute(
        sa.select(
            Feedback.face,
            Feedback.what_good,
            Feedback.what_change,
            sa.case((Feedback.named, User.display_name), else_=None),
        )
        .join(User, User.id == Feedback.user_id)
        .where(Feedback.session_id == session_id)
    ).all()
    result = Summary(counts=dict.fromkeys(FACES, 0))
    for face, good, change, name in rows:
        result.counts[face] = result.counts.get(face, 0) + 1
        if good or change:
            result.said.append(Said(face, good, change, name))
    # Face, then the words: not the order they came in, which could say who wrote them.
    order = list(FACES)
    result.said.sort(key=lambda s: (order.index(s.face), s.what_good, s.what_change, s.name or ""))
    return result


def previous_session(session: TrainingSession, user: User) -> TrainingSession | None:
    """The last session before this one in the same series that `user` ran (and can see): the
    same title, or else the same group. What members said there helps plan this one; what was
    said at a session someone else ran is not theirs to read."""
    if not can(user, Permission.RUN_SESSIONS):
        return None
    earlier = sa.select(TrainingSession).where(
        TrainingSession.id != session.id,
        TrainingSession.start_at < session.start_at,
        TrainingSession.cancelled_at.is_(None),
        visible_to(user),
    )
    if not can(user, Permission.RUN_ANY_SESSION):
        ran = sa.select(session_trainer.c.session_id).where(session_trainer.c.user_id == user.id)
        earlier = earlier.where(TrainingSession.id.in_(ran))
    latest = (TrainingSession.start_at.desc(), TrainingSession.id.desc())
    same_title = db.session.scalar(
        earlier.where(sa.func.lower(TrainingSession.title) == session.title.lower())
        .order_by(*latest)
        .limit(1)
    )
    if same_title is not None or session.group_id is None:
        return same_title
    return db.session.scalar(
        earlier.where(TrainingSession.group_id == session.group_id).order_by(*latest).limit(1)
    )


@session_panel
def feedback_panel(session: TrainingSession, user: User) -> dict:
    """A member who came is asked how it was; the people running it see what members said."""
    if session.end_at > utcnow():
        return {}
    context: dict = {"feedback_reason": closed_reason(session, user)}
    if runs_session(user, session):
        context["feedback_summary"] = summary(session.id)
    return context


def last_time(session: TrainingSession, user: User) -> dict:
    """For planning: what members said about the last session of the same series, if anything."""
    earlier = previous_session(session, user)
    said = summary(earlier.id) if earlier is not None else None
    if said is None or not said.total:
        return {}
    return {"last_time": earlier, "last_time_summary": said}
