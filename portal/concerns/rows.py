"""A list's concern rows (a board, the similar concerns): each row kept and looked up.

A row is drawn by the `concern_row` macro (templates/concerns/_concern_row.html) only the
first time its key is seen (portal/fragments.py). The loop is here, not in the template: on a
board of 20 kept rows, Jinja's `{% call %}` for each row and its look at each column cost more
than the rows' own HTML. The key holds everything a row shows; a row with a note to its
author or staff (waiting, hidden, locked) reads more than that, so it is drawn every time.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from markupsafe import Markup

from portal.concerns.models import Concern, Review
from portal.fragments import request_parts


def concern_rows(
    draw: Callable[..., str],
    concerns: Iterable[Concern],
    supported_ids: Collection[int],
    next: str | None,
    *,
    anchored: bool,
    heading: str,
    refusal: str | None,
) -> Markup:
    """Each row as `draw(concern, supported, next, heading, refusal)` draws it. `anchored`
    adds the row's own "#concern-…" to `next`, so the page comes back to it after a tap."""
    refusal = str(refusal) if refusal else None
    parts = request_parts()
    rows = []
    for concern in concerns:
        supported = concern.id in supported_ids
        row_next = f"{next}#concern-{concern.id}" if anchored else next

        def drawn(concern=concern, supported=supported, row_next=row_next) -> str:
            return draw(concern, supported, row_next, heading, refusal)

        if concern.review is not Review.SHOWN or concern.locked_at is not None:
            rows.append(str(drawn()))
            continue
        key = (
            "concern-row",
            concern.id,
            concern.title,
            concern.picture,
            concern.status,
            concern.support_count,
            supported,
            row_next,
            heading,
            refusal,
        )
        rows.append(parts.kept(key, drawn, checked=True))
    return Markup("".join(rows))  # noqa: S704 (drawn by our own templates, escaped there)
