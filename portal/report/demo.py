"""Demo: "What we did together" is shared, so members see a real story and staff see the choice."""

from __future__ import annotations

from portal.accounts.models import User
from portal.report.story import candidate_concerns, default_span, save_choice


def load_report_demo(people: dict[str, User]) -> None:
    start, end = default_span()
    save_choice(
        people["jo"],
        from_day=start,
        to_day=end,
        show_numbers=True,
        concern_ids=[concern.id for concern in candidate_concerns()[:2]],
        show_next=True,
        next_words="In January we meet the bus company. Come and tell them what you think.",
        shared=True,
    )
