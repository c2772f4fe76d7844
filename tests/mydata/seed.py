"""A person with one record of every kind the catalogue knows, written straight to the tables.

Straight to the tables, so this stays short and every kind is there whatever the services
require first; a kind the catalogue gains without a line here fails
test_my_data_has_every_kind_of_record.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from portal.extensions import db
from portal.timeutil import utcnow

MARK = "SEEDWORDS"  # in every text a person writes here, to find their words later


def _insert(table: str, **values: Any) -> Any:
    result = db.session.execute(sa.insert(db.metadata.tables[table]).values(**values))
    return result.inserted_primary_key[0] if result.inserted_primary_key else None


def things(person_id: int, other_id: int, tag: str) -> dict[str, int]:
    """One session, board, concern, agenda part and idea for the person's records to name.

    The concern and idea are the other person's, so supporting and backing them are real.
    """
    now = utcnow()
    session_id = _insert(
        "training_session", title=f"{tag} session", start_at=now - timedelta(days=2),
        end_at=now - timedelta(days=2, hours=-2), places=10,
    )  # fmt: skip
    board_id = _insert("concern_board", name=f"{tag} board", picture="bus")
    concern_id = _insert(
        "concern", board_id=board_id, author_id=other_id, title=f"{tag} concern", picture="bus"
    )
    agenda_id = _insert("agenda", session_id=session_id)
    item_id = _insert(
        "agenda_item", agenda_id=agenda_id, position=1, title=f"{tag} part", minutes=10,
        kind="talk", picture="talk",
    )  # fmt: skip
    idea_id = _insert(
        "agenda_suggestion", agenda_id=agenda_id, user_id=other_id, title=f"{tag} idea"
    )
    group_id = _insert("member_group", name=f"{tag} group")
    merge_id = _insert(
        "moderation_merge", kept_id=concern_id, merged_id=concern_id, moderator_id=other_id,
        merged_review="shown", merged_support_count=1,
    )  # fmt: skip
    return locals()


def one_of_each(person_id: int, helper_id: int, t: dict[str, int], words: str = MARK) -> None:
    """Every kind of record for `person_id` (helper_id: a supporter they chose)."""
    now = utcnow()
    me = {"user_id": person_id}
    _insert(
        "session_booking",
        session_id=t["session_id"],
        status="going",
        help_needs=["quiet_space"],
        help_other=f"{words} help",
        **me,
    )
    _insert("session_came", session_id=t["session_id"], **me)
    _insert(
        "session_feedback", session_id=t["session_id"], face="good", what_good=f"{words} good", **me
    )
    _insert("session_trainer", session_id=t["session_id"], **me)
    own = _insert(
        "concern",
        board_id=t["board_id"],
        author_id=person_id,
        title=f"{words} own concern",
        picture="bus",
    )
    _insert(
        "concern_reply", concern_id=t["concern_id"], author_id=person_id, words=f"{words} reply"
    )
    _insert("concern_support", concern_id=t["concern_id"], **me)
    _insert(
        "concern_update",
        concern_id=own,
        author_id=person_id,
        status="talking",
        words=f"{words} update",
    )
    _insert("concern_draft", board_id=t["board_id"], title=f"{words} draft", **me)
    _insert("agenda_suggestion", agenda_id=t["agenda_id"], title=f"{words} idea", **me)
    _insert("agenda_idea_backing", suggestion_id=t["idea_id"], **me)
    _insert("agenda_item_leader", item_id=t["item_id"], **me)
    _insert("learning_led_part", item_id=t["item_id"], **me)
    _insert("agenda_change", agenda_id=t["agenda_id"], action="added", snapshot={}, **me)
    _insert("agenda_seen", agenda_id=t["agenda_id"], **me)
    _insert("session_seen", session_id=t["session_id"], **me)
    _insert("notice", kind="welcome", params={"words": f"{words} notice"}, **me)
    _insert("email_digest", day=now.date(), **me)
    _insert("group_member", group_id=t["group_id"], **me)
    _insert(
        "support_link",
        member_id=person_id,
        supporter_id=helper_id,
        scopes=["see"],
        confirmed_at=now,
    )
    _insert("support_link", member_id=helper_id, supporter_id=person_id, scopes=["see"])
    _insert("cotrainer_invite", **me)
    _insert(
        "moderation_report",
        item_kind="concern",
        item_id=t["concern_id"],
        reporter_id=person_id,
        reason="unkind",
        note=f"{words} report",
    )
    _insert("moderation_merged_support", merge_id=t["merge_id"], created_at=now, moved=True, **me)
    _insert("moderation_suspension", reason=f"{words} stop", moderator_id=helper_id, **me)
    _insert("reading_settings", text_size="large", **me)
    _insert(
        "kept_form",
        token_hash=f"{words}-kept-hash",
        path="/concerns",
        fields={"words": f"{words} kept"},
        **me,
    )
    _insert("calendar_feed", token=f"{words}-calendar-token", **me)
    _insert("offline_tap", key=f"{words}-tap-key", created_at=now, **me)
    _insert(
        "device_session",
        token_hash=f"{words}-device-hash",
        user_agent="Phone",
        expires_at=now + timedelta(days=1),
        **me,
    )
    _insert("login_card", lookup="ABC", code_hash=f"{words}-card-hash", **me)
    _insert(
        "passkey",
        credential_id=f"{words}-credential",
        public_key=b"key",
        device_name="My phone",
        **me,
    )
    _insert("email_link", token_hash=f"{words}-link-hash", expires_at=now, **me)
    _insert("security_event", kind="signed_in", detail="password", **me)
