"""What the open data holds: only what every member can already see, and never a name.

A concern is open when its board is for everyone (no group) and not archived, staff have not
hidden it or kept it waiting for a check, and it was not merged into another. Nobody has said
yes to showing their name (the portal asks for no such consent), so no author, supporter or
helper is ever named. The place a concern names is left out too: it can point to a home.

A session is in the public programme when it is for everyone (no group). Group sessions are
private to their group. The online link is never given.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from portal.concerns.models import Board, Concern, Review
from portal.extensions import db
from portal.sessions.models import TrainingSession
from portal.timeutil import utcnow

# A calendar that subscribes needs the coming sessions and a little history, not years of it.
PROGRAMME_PAST = timedelta(days=90)
BATCH = 500


@dataclass(frozen=True)
class OpenConcern:
    id: int
    board: str
    title: str
    details: str
    status: str
    supports: int
    raised_at: datetime
    status_changed_at: datetime


def open_concern_filter() -> sa.ColumnElement:
    return sa.and_(
        Board.group_id.is_(None),
        Board.archived_at.is_(None),
        Concern.review == Review.SHOWN,
        Concern.auto_hidden.is_(False),
        Concern.merged_into_id.is_(None),
    )


COLUMNS = (
    Concern.id,
    Board.name,
    Concern.title,
    Concern.details,
    Concern.status,
    Concern.support_count,
    Concern.created_at,
    Concern.status_changed_at,
)


def open_concerns() -> Iterator[OpenConcern]:
    """Every open concern, oldest first, read in batches so a long list is never held whole."""
    query = (
        sa.select(*COLUMNS)
        .join(Board, Board.id == Concern.board_id)
        .where(open_concern_filter())
        .order_by(Concern.id)
        .execution_options(yield_per=BATCH)
    )
    for row in db.session.execute(query):
        concern_id, board, title, details, status, supports, raised, changed = row
        yield OpenConcern(
            id=concern_id,
            board=board,
            title=title,
            details=details or "",
            status=str(status.value if hasattr(status, "value") else status),
            supports=supports,
            raised_at=raised,
            status_changed_at=changed,
        )


def public_programme() -> list[TrainingSession]:
    """Sessions for everyone, from 90 days ago on, soonest first (cancelled ones say so)."""
    return list(
        db.session.scalars(
            sa.select(TrainingSession)
            .where(
                TrainingSession.group_id.is_(None),
                TrainingSession.end_at >= utcnow() - PROGRAMME_PAST,
            )
            .order_by(TrainingSession.start_at, TrainingSession.id)
        )
    )
