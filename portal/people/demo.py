"""Demo supporters: Kim helps Sam with everything and Priya with sessions only."""

from __future__ import annotations

from portal.accounts.helping import Scope, SupportLink
from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow


def load_supporters_demo(people: dict[str, User]) -> None:
    now = utcnow()
    for member, scopes in [
        ("sam", [scope.value for scope in Scope]),
        ("priya", [Scope.SEE.value, Scope.COMING.value]),
    ]:
        db.session.add(
            SupportLink(
                member_id=people[member].id,
                supporter_id=people["kim"].id,
                scopes=scopes,
                asked_by_id=people["jo"].id,
                asked_at=now,
                confirmed_at=now,
            )
        )
    db.session.flush()
