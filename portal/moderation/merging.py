"""Merging a duplicate concern into the one to keep, and undoing that within a day.

Everything happens in the caller's one transaction, in set-based SQL (a merge of two concerns
with 10,000 supporters each is a handful of statements). Both concerns are locked first, in id
order, so two moderators merging at once wait for each other instead of deadlocking.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import url_for

from portal.accounts.models import User
from portal.concerns.models import Concern, ConcernUpdate, Reply, Support
from portal.extensions import db
from portal.moderation.models import CONCERN, Merge, MergedSupport
from portal.moderation.services import item_text, lock_item, write_log
from portal.notices.services import notify
from portal.timeutil import utcnow

UNDO_WITHIN = timedelta(days=1)


class CannotMerge(Exception):
    """The two concerns cannot be merged (the same one, or one is already merged)."""


class CannotUndo(Exception):
    """The merge is too old, already undone, or the kept concern was merged since."""


def _lock_both(first: Concern, second: Concern) -> None:
    for concern in sorted((first, second), key=lambda c: c.id):
        lock_item(concern)


def _recount(*concern_ids: int) -> None:
    counted = (
        sa.select(sa.func.count())
        .where(Support.concern_id == Concern.id)
        .correlate(Concern)
        .scalar_subquery()
    )
    db.session.execute(
        sa.update(Concern)
        .where(Concern.id.in_(concern_ids))
        .values(support_count=counted)
        .execution_options(synchronize_session=False)
    )
    for concern_id in concern_ids:
        concern = db.session.get(Concern, concern_id)
        if concern is not None:
            db.session.refresh(concern)


def merge_concerns(
    kept: Concern, merged: Concern, by: User, *, notify_people: bool = True
) -> Merge:
    """Fold `merged` into `kept`: supporters (nobody twice), replies and updates move across."""
    if kept.id == merged.id:
        raise CannotMerge("same")
    _lock_both(kept, merged)
    if kept.merged_into_id or merged.merged_into_id:
        raise CannotMerge("already merged")
    merge = Merge(
        kept_id=kept.id,
        merged_id=merged.id,
        moderator_id=by.id,
        merged_review=merged.review.value,
        merged_support_count=merged.support_count,
        reply_ids=list(
            db.session.scalars(sa.select(Reply.id).where(Reply.concern_id == merged.id))
        ),
        update_ids=list(
            db.session.scalars(
                sa.select(ConcernUpdate.id).where(ConcernUpdate.concern_id == merged.id)
            )
        ),
    )
    db.session.add(merge)
    db.session.flush()
    kept_support = sa.orm.aliased(Support)
    on_kept = sa.exists().where(
        kept_support.concern_id == kept.id, kept_support.user_id == Support.user_id
    )
    db.session.execute(
        sa.insert(MergedSupport).from_select(
            ["merge_id", "user_id", "created_at", "moved"],
            sa.select(sa.literal(merge.id), Support.user_id, Support.created_at, ~on_kept).where(
                Support.concern_id == merged.id
            ),
        )
    )
    db.session.execute(
        sa.insert(Support).from_select(
            ["concern_id", "user_id", "created_at"],
            sa.select(sa.literal(kept.id), MergedSupport.user_id, MergedSupport.created_at).where(
                MergedSupport.merge_id == merge.id, MergedSupport.moved.is_(True)
            ),
        )
    )
    db.session.execute(sa.delete(Support).where(Support.concern_id == merged.id))
    _move(Reply, merge.reply_ids, kept.id)
    _move(ConcernUpdate, merge.update_ids, kept.id)
    merged.merged_into_id = kept.id
    _recount(kept.id, merged.id)
    write_log(
        by,
        "merged",
        CONCERN,
        merged.id,
        reason=f"#{merged.id} -> #{kept.id}",
        before=item_text(merged),
        after=item_text(kept),
    )
    if notify_people:
        _tell_people(merge, kept, merged, undone=False)
    db.session.flush()
    return merge


def _move(model, ids: list[int], to_concern_id: int) -> None:
    if ids:
        db.session.execute(
            sa.update(model)
            .where(model.id.in_(ids))
            .values(concern_id=to_concern_id)
            .execution_options(synchronize_session=False)
        )


def _tell_people(merge: Merge, kept: Concern, merged: Concern, *, undone: bool) -> None:
    """The merged concern's author and supporters, each told once, in easy read."""
    supporters = set(
        db.session.scalars(
            sa.select(MergedSupport.user_id).where(MergedSupport.merge_id == merge.id)
        )
    )
    supporters.discard(merged.author_id)
    word = "unmerged" if undone else "merged"
    author_kind, kind = f"moderation_concern_{word}", f"moderation_support_{word}"
    link = url_for("concerns.show_concern", concern_id=merged.id if undone else kept.id)
    notify(merged.author_id, author_kind, link=link, title=kept.title, old=merged.title)
    if supporters:
        notify(sorted(supporters), kind, link=link, title=kept.title, old=merged.title)


def undo_merge(merge: Merge, by: User, *, notify_people: bool = True) -> None:
    """Put both concerns back exactly as they were: supporters, replies and updates."""
    kept = db.session.get(Concern, merge.kept_id)
    merged = db.session.get(Concern, merge.merged_id)
    _lock_both(kept, merged)
    db.session.refresh(merge)
    if (
        merge.undone_at is not None
        or merge.created_at < utcnow() - UNDO_WITHIN
        or merged.merged_into_id != kept.id
        or kept.merged_into_id is not None
    ):
        raise CannotUndo()
    snapshot = sa.select(MergedSupport.user_id).where(MergedSupport.merge_id == merge.id)
    db.session.execute(
        sa.delete(Support).where(
            Support.concern_id == kept.id,
            Support.user_id.in_(snapshot.where(MergedSupport.moved.is_(True))),
        )
    )
    db.session.execute(
        sa.insert(Support).from_select(
            ["concern_id", "user_id", "created_at"],
            sa.select(sa.literal(merged.id), MergedSupport.user_id, MergedSupport.created_at).where(
                MergedSupport.merge_id == merge.id
            ),
        )
    )
    _move_back(Reply, merge.reply_ids, kept.id, merged.id)
    _move_back(ConcernUpdate, merge.update_ids, kept.id, merged.id)
    merged.merged_into_id = None
    merge.undone_at = utcnow()
    _recount(kept.id, merged.id)
    write_log(
        by,
        "unmerged",
        CONCERN,
        merged.id,
        reason=f"#{merged.id} -> #{kept.id}",
        before=item_text(kept),
        after=item_text(merged),
    )
    if notify_people:
        _tell_people(merge, kept, merged, undone=True)
    db.session.flush()


def _move_back(model, ids: list[int], from_id: int, to_id: int) -> None:
    if ids:
        db.session.execute(
            sa.update(model)
            .where(model.id.in_(ids), model.concern_id == from_id)
            .values(concern_id=to_id)
            .execution_options(synchronize_session=False)
        )
