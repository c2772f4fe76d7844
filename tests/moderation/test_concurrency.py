"""Two moderators at once: the second waits for the first, then sees what it did."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from portal.accounts.models import User
from portal.concerns.models import Concern
from portal.extensions import db
from portal.moderation.merging import CannotMerge, merge_concerns
from portal.moderation.models import LogEntry
from portal.moderation.services import AlreadyDone, Decision, decide
from tests.factories import create_board, create_concern, fetch


def _race(app, work, count: int = 2) -> list[str]:
    """Run `work(n)` in `count` threads that start together; return what each one said."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(n: int) -> None:
        with app.test_request_context("/"):
            barrier.wait()
            try:
                work(n)
                db.session.commit()
                results[n] = "done"
            except (AlreadyDone, CannotMerge) as error:
                db.session.rollback()
                results[n] = type(error).__name__
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(results)


def test_two_staff_approve_the_same_concern_at_once(app, staff, other_member):
    board = create_board("Housing", check_first=True)
    concern = create_concern(board.id, other_member.id, "The lift is broken")

    def approve(_n):
        decide(
            db.session.get(Concern, concern.id), db.session.get(User, staff.id), Decision("approve")
        )

    assert _race(app, approve) == ["AlreadyDone", "done"]
    assert fetch(Concern, concern.id).review.value == "shown"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == 1


def test_two_staff_merge_a_pair_both_ways_at_once(app, staff, member, other_member):
    from portal.concerns.services import set_support

    board = create_board("Getting about")
    first = create_concern(board.id, member.id, "Buses are late")
    second = create_concern(board.id, other_member.id, "The buses are late")
    with app.app_context():
        set_support(first.id, other_member.id, True)
        db.session.commit()
    pair = [(first.id, second.id), (second.id, first.id)]

    def merge(n):
        kept, merged = (db.session.get(Concern, i) for i in pair[n])
        merge_concerns(kept, merged, db.session.get(User, staff.id), notify_people=False)

    assert _race(app, merge) == ["CannotMerge", "done"]
    counts = sorted(fetch(Concern, i).support_count for i in (first.id, second.id))
    assert counts == [0, 2]  # 2 distinct supporters, nobody counted twice
