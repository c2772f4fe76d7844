"""Merging duplicates: supporters never counted twice, things move, old address redirects, undo."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.concerns.models import Concern, ConcernUpdate, Reply, Support
from portal.extensions import db
from portal.moderation.merging import CannotMerge, CannotUndo, merge_concerns, undo_merge
from portal.moderation.models import LogEntry, Merge
from portal.notices.models import Notice
from tests import factories
from tests.factories import create_concern, create_reply, create_user, fetch


def _supporters(concern_id: int) -> set[int]:
    with factories.APP.app_context():
        return set(
            db.session.scalars(sa.select(Support.user_id).where(Support.concern_id == concern_id))
        )


def _support(concern_id: int, user_ids) -> None:
    from portal.concerns.services import set_support

    with factories.APP.app_context():
        for user_id in user_ids:
            set_support(concern_id, user_id, True)
        db.session.commit()


@pytest.fixture
def pair(board, other_member, users_by_role):
    """Two duplicate concerns; one supporter in common (the member)."""
    people = [create_user("member", username=f"fan{n}") for n in range(3)]
    kept = create_concern(board.id, users_by_role["staff"].id, "Buses are late")
    dupe = create_concern(board.id, other_member.id, "The bus is always late")
    _support(kept.id, [people[0].id, users_by_role["member"].id])
    _support(dupe.id, [people[1].id, people[2].id, users_by_role["member"].id])
    create_reply(dupe.id, people[1].id, "Every morning")
    return kept, dupe, people


def test_merge_moves_supporters_once_replies_and_redirects(client_as, pair, users_by_role):
    kept, dupe, people = pair
    before = _supporters(kept.id) | _supporters(dupe.id)
    client = client_as("staff")
    form = client.get(f"/moderation/concerns/{dupe.id}/merge").get_data(as_text=True)
    assert "Keep Buses are late" in form  # suggested: it shares words with the title
    response = client.post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": kept.id})
    assert response.status_code == 302
    assert _supporters(kept.id) == before and _supporters(dupe.id) == set()
    assert fetch(Concern, kept.id).support_count == len(before) == 6
    assert fetch(Concern, dupe.id).merged_into_id == kept.id
    with factories.APP.app_context():
        replies = db.session.scalars(sa.select(Reply.concern_id)).all()
        kinds = dict(db.session.execute(sa.select(Notice.user_id, Notice.kind)).all())
    assert replies == [kept.id]
    assert kinds[dupe.author_id] == "moderation_concern_merged"
    assert kinds[people[1].id] == "moderation_support_merged"
    # The old address leads to the kept concern; the board no longer lists the duplicate.
    member = client_as("member")
    old = member.get(f"/concerns/{dupe.id}")
    assert old.status_code == 301 and old.location.endswith(f"/concerns/{kept.id}")
    board_page = member.get(f"/concerns/boards/{kept.board_id}").get_data(as_text=True)
    assert "The bus is always late" not in board_page
    notices = client_as("member").get("/whats-new").get_data(as_text=True)
    assert "is now part of Buses are late. Your support moved too." in notices


def test_undo_restores_both_exactly(client_as, pair):
    kept, dupe, _people = pair
    supporters = (_supporters(kept.id), _supporters(dupe.id))
    counts = (fetch(Concern, kept.id).support_count, fetch(Concern, dupe.id).support_count)
    client = client_as("staff")
    client.post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": kept.id})
    response = client.post_form(f"/moderation/concerns/{dupe.id}/undo-merge", follow_redirects=True)
    assert "The two concerns are apart again." in response.get_data(as_text=True)
    assert (_supporters(kept.id), _supporters(dupe.id)) == supporters
    assert (fetch(Concern, kept.id).support_count, fetch(Concern, dupe.id).support_count) == counts
    assert fetch(Concern, dupe.id).merged_into_id is None
    with factories.APP.app_context():
        assert db.session.scalars(sa.select(Reply.concern_id)).all() == [dupe.id]
        actions = db.session.scalars(sa.select(LogEntry.action).order_by(LogEntry.id)).all()
    assert actions == ["merged", "unmerged"]


def test_undo_only_within_a_day(client_as, pair):
    kept, dupe, _people = pair
    client = client_as("staff")
    client.post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": kept.id})
    with factories.APP.app_context():
        merge = db.session.scalars(sa.select(Merge)).one()
        merge.created_at -= timedelta(days=1, minutes=1)
        db.session.commit()
    response = client.post_form(f"/moderation/concerns/{dupe.id}/undo-merge", follow_redirects=True)
    assert "You can only undo a merge for 1 day." in response.get_data(as_text=True)
    assert fetch(Concern, dupe.id).merged_into_id == kept.id


def test_merge_refusals(client_as, pair):
    kept, dupe, _people = pair
    client = client_as("staff")
    same = client.post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": dupe.id})
    assert same.status_code == 422
    missing = client.post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": 999999})
    assert "There is no concern with that number." in missing.get_data(as_text=True)
    client.post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": kept.id})
    again = client.post_form(f"/moderation/concerns/{kept.id}/merge", {"keep_id": dupe.id})
    assert again.status_code == 422 and fetch(Concern, kept.id).merged_into_id is None


def test_a_failure_part_way_through_a_merge_changes_nothing(client_as, pair, monkeypatch):
    kept, dupe, _people = pair
    supporters = (_supporters(kept.id), _supporters(dupe.id))
    from portal.moderation import merging

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(merging, "write_log", broken)  # after supports and replies moved
    with pytest.raises(RuntimeError):
        client_as("staff").post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": kept.id})
    assert (_supporters(kept.id), _supporters(dupe.id)) == supporters
    assert fetch(Concern, dupe.id).merged_into_id is None
    with factories.APP.app_context():
        assert db.session.scalars(sa.select(Reply.concern_id)).all() == [dupe.id]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Merge)) == 0


def test_supporting_a_merged_concern_is_refused(client_as, pair, users_by_role):
    kept, dupe, _people = pair
    client_as("staff").post_form(f"/moderation/concerns/{dupe.id}/merge", {"keep_id": kept.id})
    client_as("co_trainer").post_form(f"/concerns/{dupe.id}/support", {"supported": "1"})
    assert _supporters(dupe.id) == set()


# --- The property: counts always equal distinct supporters ------------------------------------
USERS, CONCERNS = 5, 3
operation = st.one_of(
    st.tuples(
        st.just("support"),
        st.integers(0, USERS - 1),
        st.integers(0, CONCERNS - 1),
        st.booleans(),
    ),
    st.tuples(st.just("merge"), st.integers(0, CONCERNS - 1), st.integers(0, CONCERNS - 1)),
    st.tuples(st.just("undo")),
)


@pytest.fixture
def people(app):
    return [create_user("member", username=f"p{n}").id for n in range(USERS)]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, max_size=25))
def test_any_supports_merges_and_undos_keep_counts_true(app, people, operations):
    from portal.accounts.models import User
    from portal.concerns.services import create_board, create_concern, set_support

    with app.test_request_context():
        try:
            staff = db.session.get(User, people[0])
            board = create_board(name="Property", picture="bus")
            concerns = [
                create_concern(board, staff, title=f"Concern {n}").id for n in range(CONCERNS)
            ]
            merges: list[Merge] = []
            for op in operations:
                _apply(op, people, concerns, merges, staff, set_support)
                _check_counts(concerns)
        finally:
            db.session.rollback()


def _apply(op, people, concerns, merges, staff, set_support) -> None:
    if op[0] == "support":
        concern = db.session.get(Concern, concerns[op[2]])
        if concern.merged_into_id is None:  # the portal refuses support for a merged one
            set_support(concern.id, people[op[1]], op[3])
    elif op[0] == "merge":
        kept, merged = (db.session.get(Concern, concerns[i]) for i in op[1:])
        with contextlib.suppress(CannotMerge):
            merges.append(merge_concerns(kept, merged, staff, notify_people=False))
    elif merges:
        with contextlib.suppress(CannotUndo):
            undo_merge(merges.pop(), staff, notify_people=False)


def _check_counts(concerns) -> None:
    db.session.flush()
    for concern_id in concerns:
        distinct = db.session.scalar(
            sa.select(sa.func.count(sa.distinct(Support.user_id))).where(
                Support.concern_id == concern_id
            )
        )
        stored = db.session.scalar(sa.select(Concern.support_count).where(Concern.id == concern_id))
        assert stored == distinct, (concern_id, stored, distinct)


def test_updates_move_with_a_merge_and_back(app, pair, users_by_role):
    kept, dupe, _people = pair
    from portal.accounts.models import User
    from portal.concerns.models import Status
    from portal.concerns.services import add_update

    with app.test_request_context():
        staff = db.session.get(User, users_by_role["staff"].id)
        add_update(db.session.get(Concern, dupe.id), staff, status=Status.TALKING, words="Soon")
        merge = merge_concerns(
            db.session.get(Concern, kept.id), db.session.get(Concern, dupe.id), staff
        )
        assert db.session.scalars(sa.select(ConcernUpdate.concern_id)).all() == [kept.id]
        undo_merge(merge, staff)
        assert db.session.scalars(sa.select(ConcernUpdate.concern_id)).all() == [dupe.id]
        db.session.rollback()
