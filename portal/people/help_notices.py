"""The member hears what was done with help: "Jo helped you: you said you are coming to ...".

One notice per helping visit, growing while it is unread, so ten taps are one notice, not ten.
Each action is a code and its details; the words are chosen when the notice is shown, in the
member's language (HELPED_WORDS, in notice_kinds.py; a new action adds its words there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
from flask_login import current_user

from portal.extensions import db
from portal.notices.models import Notice
from portal.notices.services import notify_once

KIND = "helped_you"
# A notice says this many things at most; more start a new one.
MOST_IN_ONE = 8


def tell_member_what_was_done(
    describers: Iterable[Callable[[], tuple[str, dict[str, Any]] | None]],
) -> None:
    supporter = getattr(current_user, "helper", None)
    if supporter is None:
        return
    actions: list[dict[str, Any]] = []
    for describe in describers:
        described = describe()
        if described is None:
            continue
        what, details = described
        action = {"what": what, **details}
        if action not in actions:
            actions.append(action)
    if actions:
        _add_to_notice(current_user.id, supporter.display_name, current_user.help_visit, actions)


def _add_to_notice(member_id: int, helper_name: str, visit: str, actions: list[dict]) -> None:
    prefix = f"helped:{visit}:"
    latest = db.session.scalars(
        sa.select(Notice)
        .where(Notice.user_id == member_id, Notice.dedupe_key.like(f"{prefix}%"))
        .order_by(Notice.id.desc())
        .with_for_update()
    ).first()
    if latest is not None and latest.read_at is None:
        before = list(latest.params.get("actions", []))
        merged = before + [action for action in actions if action not in before]
        if len(merged) <= MOST_IN_ONE:
            # A new dict, so the JSON column sees the change.
            latest.params = {**latest.params, "actions": merged}
            return
    number = 1 if latest is None else int(latest.dedupe_key.rsplit(":", 1)[1]) + 1
    notify_once(
        member_id,
        KIND,
        dedupe_key=f"{prefix}{number}",
        helper=helper_name,
        actions=actions[:MOST_IN_ONE],
    )
