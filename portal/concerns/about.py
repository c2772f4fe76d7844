"""What a concern's page says about it ("About this concern"), as plain values.

The page draws that part once for these values and keeps it (portal/fragments.py): the macro
that draws it (templates/concerns/_concern_about.html) is imported without the page's context,
so it can show nothing but what is here, and the key cannot miss a change. What depends on who
is looking (tell staff, staff check) is drawn each time, outside it.
"""

from __future__ import annotations

from typing import NamedTuple

from portal.concerns.models import Concern, Status
from portal.timefmt import day_in_words


class ConcernAbout(NamedTuple):
    details: str | None
    place: str | None
    author_name: str
    helper_name: str | None  # the supporter who helped raise it, if one did
    day: str  # the day it was raised, in words
    board_id: int
    board_name: str
    status: Status
    closed_reason: str | None  # shown only when it is closed


def concern_about(concern: Concern) -> ConcernAbout:
    return ConcernAbout(
        details=concern.details or None,
        place=concern.place or None,
        author_name=concern.author.display_name,
        helper_name=concern.helped_by.display_name if concern.helped_by else None,
        day=day_in_words(concern.created_at),
        board_id=concern.board_id,
        board_name=concern.board.name,
        status=concern.status,
        closed_reason=(concern.closed_reason or None) if concern.status == Status.CLOSED else None,
    )
