"""A concern as a board's list shows it: the columns its row reads, as plain values.

Loaded as ORM objects, a board's 21 rows took 350 us, most of it SQLAlchemy making and
tracking each object; the query itself took 54 us. As plain tuples they take a small part of
that. What raiseload gave the ORM rows stays: reading any other attribute of one (a template
that starts to show its details, say) fails loudly, never renders empty. Add the column here.
"""

from __future__ import annotations

from collections import namedtuple

from portal.concerns.models import Concern

# What templates/concerns/_concern_row.html and portal/concerns/rows.py read of a concern.
LISTED_COLUMNS = (
    Concern.id,
    Concern.title,
    Concern.picture,
    Concern.status,
    Concern.review,
    Concern.support_count,
    Concern.locked_at,
    Concern.author_id,
    # For the note to its author on a row that waits, was hidden or is locked.
    Concern.auto_hidden,
    Concern.moderation_reason,
    Concern.moderation_note,
)


class NotInList(RuntimeError):
    """Not AttributeError: Jinja would turn that into an empty value."""


class ListedConcern(namedtuple("_Listed", [column.key for column in LISTED_COLUMNS])):
    __slots__ = ()

    def __getattr__(self, name: str):
        if name.startswith("_"):  # Python's own look-ups (copy, pickle) expect AttributeError
            raise AttributeError(name)
        raise NotInList(
            f"A concern in a list has no {name!r}: add it to LISTED_COLUMNS "
            "(portal/concerns/listed.py)"
        )
