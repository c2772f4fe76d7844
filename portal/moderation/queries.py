"""Moderation reads: the queue, counts for the staff home page, one item, the log."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from portal.concerns.models import Concern, Reply, Review
from portal.concerns.reported import reported_source
from portal.extensions import db
from portal.moderation.models import CONCERN, ITEM_KINDS, REPLY, LogEntry, Merge, Report
from portal.pagination import one_page
from portal.statements import VIEWER, built

PER_PAGE = 25  # a phone screen's worth of work at a time; "See more" for the rest
LOG_PER_PAGE = 100


@dataclass
class QueueItem:
    kind: str
    item: Concern | Reply
    since: datetime
    reasons: dict[str, int] = field(default_factory=dict)  # report reason -> how many
    notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item.id}"

    @property
    def report_count(self) -> int:
        return sum(self.reasons.values())

    @property
    def concern(self) -> Concern:
        return self.item if self.kind == CONCERN else self.item.concern


@dataclass
class QueueCounts:
    waiting: int
    reported: int
    auto_hidden: int

    @property
    def total(self) -> int:
        return self.waiting + self.reported


def _open_reports():
    return (
        sa.select(
            Report.item_kind.label("kind"),
            Report.item_id.label("item_id"),
            sa.func.min(Report.created_at).label("since"),
        )
        .where(Report.dealt_at.is_(None))
        .group_by(Report.item_kind, Report.item_id)
    )


def _waiting_not_reported():
    # NOT IN a subquery: PostgreSQL hashes the reported ids once (item_id is never NULL).
    reported = sa.select(Report.item_id).where(
        Report.item_kind == CONCERN, Report.dealt_at.is_(None)
    )
    return sa.select(
        sa.literal(CONCERN).label("kind"),
        Concern.id.label("item_id"),
        Concern.created_at.label("since"),
    ).where(
        Concern.review == Review.WAITING,
        Concern.merged_into_id.is_(None),
        Concern.id.not_in(reported),
    )


def queue_counts() -> QueueCounts:
    """Three small counts for the staff home page (each uses an index)."""
    waiting = db.session.scalar(
        sa.select(sa.func.count()).select_from(_waiting_not_reported().subquery())
    )
    reported = db.session.scalar(sa.select(sa.func.count()).select_from(_open_reports().subquery()))
    auto_hidden = sum(
        db.session.scalar(sa.select(sa.func.count()).where(model.auto_hidden.is_(True)))
        for model in (Concern, Reply)
    )
    return QueueCounts(waiting, reported, auto_hidden)


def list_queue(page: int = 1) -> tuple[list[QueueItem], bool]:
    """What needs a look, oldest first: waiting concerns and reported items (4 queries)."""
    union = sa.union_all(_waiting_not_reported(), _open_reports()).subquery()
    rows, has_more = one_page(
        sa.select(union.c.kind, union.c.item_id, union.c.since).order_by(
            union.c.since, union.c.kind, union.c.item_id
        ),
        page,
        PER_PAGE,
        whole_rows=True,
    )
    items = load_items([(row.kind, row.item_id) for row in rows])
    reasons = _report_reasons([(row.kind, row.item_id) for row in rows])
    queue = []
    for row in rows:
        item = items.get((row.kind, row.item_id))
        if item is not None:
            counts, notes = reasons.get((row.kind, row.item_id), ({}, []))
            queue.append(QueueItem(row.kind, item, row.since, counts, notes))
    return queue, has_more


def load_items(keys: list[tuple[str, int]]) -> dict[tuple[str, int], Concern | Reply]:
    """Concerns and replies by (kind, id), with what the queue shows of them: 2 queries."""
    found: dict[tuple[str, int], Concern | Reply] = {}
    concern_ids = [i for k, i in keys if k == CONCERN]
    reply_ids = [i for k, i in keys if k == REPLY]
    if concern_ids:
        for concern in db.session.scalars(
            sa.select(Concern)
            .options(joinedload(Concern.author), joinedload(Concern.board))
            .where(Concern.id.in_(concern_ids))
        ):
            found[(CONCERN, concern.id)] = concern
    if reply_ids:
        for reply in db.session.scalars(
            sa.select(Reply)
            .options(joinedload(Reply.author), joinedload(Reply.concern))
            .where(Reply.id.in_(reply_ids))
        ):
            found[(REPLY, reply.id)] = reply
    return found


def _report_reasons(keys: list[tuple[str, int]]) -> dict:
    if not keys:
        return {}
    result: dict = defaultdict(lambda: ({}, []))
    for kind in ITEM_KINDS:
        ids = [i for k, i in keys if k == kind]
        if not ids:
            continue
        rows = db.session.execute(
            sa.select(Report.item_id, Report.reason, Report.note)
            .where(Report.item_kind == kind, Report.item_id.in_(ids), Report.dealt_at.is_(None))
            .order_by(Report.created_at)
        )
        for item_id, reason, note in rows:
            counts, notes = result[(kind, item_id)]
            counts[reason] = counts.get(reason, 0) + 1
            if note:
                notes.append(note)
    return dict(result)


def get_item(kind: str, item_id: int) -> Concern | Reply | None:
    if kind not in ITEM_KINDS:
        return None
    return load_items([(kind, item_id)]).get((kind, item_id))


def queue_item(kind: str, item_id: int) -> QueueItem | None:
    """One item as the queue shows it, after an action, to swap its row."""
    item = get_item(kind, item_id)
    if item is None:
        return None
    counts, notes = _report_reasons([(kind, item_id)]).get((kind, item_id), ({}, []))
    return QueueItem(kind, item, item.created_at, counts, notes)


def has_reported(kind: str, item_id: int, user_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(Report.id).where(
                Report.item_kind == kind, Report.item_id == item_id, Report.reporter_id == user_id
            )
        )
        is not None
    )


# --- The log ----------------------------------------------------------------------------------
@dataclass
class LogFilter:
    action: str = ""
    moderator_id: int | None = None
    concern_id: int | None = None
    since: date | None = None


def _log_query(filters: LogFilter):
    query = sa.select(LogEntry).options(joinedload(LogEntry.moderator))
    if filters.action:
        query = query.where(LogEntry.action == filters.action)
    if filters.moderator_id:
        query = query.where(LogEntry.moderator_id == filters.moderator_id)
    if filters.concern_id:
        query = query.where(LogEntry.item_kind == CONCERN, LogEntry.item_id == filters.concern_id)
    if filters.since:
        start = datetime.combine(filters.since, datetime.min.time())
        query = query.where(LogEntry.created_at >= start)
    return query


def list_log(filters: LogFilter, page: int = 1) -> tuple[list[LogEntry], bool]:
    newest_first = _log_query(filters).order_by(LogEntry.created_at.desc(), LogEntry.id.desc())
    return one_page(newest_first, page, LOG_PER_PAGE)


def all_log(filters: LogFilter):
    """Every matching entry, oldest first, streamed for the CSV file."""
    return db.session.scalars(
        _log_query(filters)
        .order_by(LogEntry.created_at, LogEntry.id)
        .execution_options(yield_per=1000)
    )


def list_moderators() -> list:
    from portal.accounts.models import User

    ids = sa.select(LogEntry.moderator_id).where(LogEntry.moderator_id.is_not(None)).distinct()
    return list(
        db.session.scalars(sa.select(User).where(User.id.in_(ids)).order_by(User.display_name))
    )


# --- Merges ----------------------------------------------------------------------------------
def undoable_merge(concern_id: int, within: timedelta) -> Merge | None:
    """The latest merge of this concern into another, if it can still be undone."""
    from portal.timeutil import utcnow

    return db.session.scalar(
        sa.select(Merge)
        .where(
            Merge.merged_id == concern_id,
            Merge.undone_at.is_(None),
            Merge.created_at >= utcnow() - within,
        )
        .order_by(Merge.id.desc())
        .limit(1)
    )


@reported_source
def reported_keys(user, concern: Concern) -> set[str]:
    """Which of this concern and its replies this person already told staff about."""
    rows = db.session.execute(
        built(_reported_statement), {VIEWER.key: user.id, "concern_id": concern.id}
    )
    return {f"{kind}:{item_id}" for kind, item_id in rows}


def _reported_statement() -> sa.Select:
    concern_id = sa.bindparam("concern_id")
    reply_ids = sa.select(Reply.id).where(Reply.concern_id == concern_id)
    return sa.select(Report.item_kind, Report.item_id).where(
        Report.reporter_id == VIEWER,
        sa.or_(
            sa.and_(Report.item_kind == CONCERN, Report.item_id == concern_id),
            sa.and_(Report.item_kind == REPLY, Report.item_id.in_(reply_ids)),
        ),
    )


def log_item_authors(entries: list[LogEntry]) -> dict[tuple[str, int], Concern | Reply]:
    """The concern or reply each log line is about, for its author (and who helped them)."""
    found: dict[tuple[str, int], Concern | Reply] = {}
    for kind, model in ((CONCERN, Concern), (REPLY, Reply)):
        ids = {entry.item_id for entry in entries if entry.item_kind == kind}
        if ids:
            items = db.session.scalars(
                sa.select(model).where(model.id.in_(ids)).options(joinedload(model.author))
            )
            found.update({(kind, item.id): item for item in items})
    return found
