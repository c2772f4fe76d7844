"""The conflict screen: every field of an item, what is saved and what you wrote, and a form
that already holds both people's changes wherever they changed different fields.

It is a three-way merge against the version both people started from: a field only the other
person changed takes their words; a field only you changed keeps yours; a field you both
changed keeps yours in the form and is marked, so you choose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.agendas.models import ITEM_KINDS, ITEM_PICTURES, AgendaItem, typed_names
from portal.wording import and_list

NOTHING = "\N{EN DASH}"  # an empty field


# Who changed a field since the version both started from.
THEY_CHANGED, YOU_CHANGED, BOTH_CHANGED = "theirs", "yours", "both"


@dataclass(frozen=True)
class FieldPair:
    label: str
    theirs: str
    yours: str
    changed_by: str | None = None  # THEY_CHANGED, YOU_CHANGED, BOTH_CHANGED, or nobody

    @property
    def differs(self) -> bool:
        return self.theirs != self.yours


def merge(base: dict | None, theirs: dict, yours: dict) -> tuple[dict, dict[str, str | None]]:
    """The values to put in the form, and who changed each field since `base`.

    Without the starting version (history lost, or an odd version number) every difference
    counts as changed by both, so nothing of yours is replaced without you seeing it.
    """
    merged, changed_by = dict(yours), {}
    for name, mine in yours.items():
        their = theirs.get(name)
        if _same(their, mine):
            changed_by[name] = None
        elif base is None or name not in base:
            changed_by[name] = BOTH_CHANGED
        elif _same(mine, base[name]):
            merged[name] = their
            changed_by[name] = THEY_CHANGED
        elif _same(their, base[name]):
            changed_by[name] = YOU_CHANGED
        else:
            changed_by[name] = BOTH_CHANGED
    return merged, changed_by


def _same(one: Any, other: Any) -> bool:
    if isinstance(one, list) or isinstance(other, list):
        return sorted(one or []) == sorted(other or [])
    return (one or None) == (other or None)


def _kind(code: str | None) -> str:
    return str(ITEM_KINDS.get(code or "", (None, code or NOTHING))[1])


def _picture(name: str | None, kind: str | None) -> str:
    if not name:
        return _("The picture for its kind (%(kind)s)", kind=_kind(kind))
    return str(ITEM_PICTURES.get(name, name))


def _minutes(number: Any) -> str:
    if not isinstance(number, int):
        return NOTHING
    return ngettext("%(num)s minute", "%(num)s minutes", number)


def _leaders(names: list[str]) -> str:
    return and_list(names) if names else NOTHING


def compare(
    theirs: AgendaItem,
    yours: dict[str, Any],
    people: dict[int, str],
    concerns: dict,
    changed_by: dict[str, str | None] | None = None,
):
    """Pairs for each field, in the form's order. `people` names the leader ids in `yours`;
    `concerns` titles the concerns this person may see; `changed_by` comes from merge()."""
    your_leaders = [people.get(person_id, "") for person_id in yours.get("leader_ids") or []]
    your_leaders = [name for name in your_leaders if name] + typed_names(yours.get("leaders"))
    pairs = [
        *_pairs(theirs, yours, your_leaders),
        FieldPair(
            _("Concern"),
            _concern(theirs.concern_id, concerns),
            _concern(yours.get("concern_id"), concerns),
        ),
    ]
    fields = ("title", "description", "minutes", "kind", "picture", "leaders", "concern_id")
    changed_by = changed_by or {}
    return [
        FieldPair(pair.label, pair.theirs, pair.yours, _who(changed_by, name, pair))
        for name, pair in zip(fields, pairs, strict=True)
    ]


def _who(changed_by: dict, name: str, pair: FieldPair) -> str | None:
    if name == "leaders":  # "Who leads it" is the people ticked and the names typed
        states = {changed_by.get("leader_ids"), changed_by.get("leaders")} - {None}
        if not states:
            return None
        return states.pop() if len(states) == 1 else BOTH_CHANGED
    if name in changed_by:
        return changed_by[name]
    return BOTH_CHANGED if pair.differs else None


def _concern(concern_id: int | None, concerns: dict) -> str:
    """Its title, from the concerns this person may see; never the title of one they may not."""
    if not concern_id:
        return _("It is not about a concern")
    return str(concerns.get(concern_id) or _("A concern you cannot see"))


def _pairs(theirs: AgendaItem, yours: dict[str, Any], your_leaders: list[str]):
    return [
        FieldPair(_("Name"), theirs.title, yours.get("title") or NOTHING),
        FieldPair(
            _("What happens"), theirs.description or NOTHING, yours.get("description") or NOTHING
        ),
        FieldPair(_("Minutes"), _minutes(theirs.minutes), _minutes(yours.get("minutes"))),
        FieldPair(_("Kind"), _kind(theirs.kind), _kind(yours.get("kind"))),
        FieldPair(
            _("Picture"),
            _picture(theirs.picture, theirs.kind),
            _picture(yours.get("picture"), yours.get("kind")),
        ),
        FieldPair(_("Who leads it"), _leaders(theirs.leader_names), _leaders(your_leaders)),
    ]


def changed_fields(before: dict | str | None, after: dict) -> list[str]:
    """The names of the fields that differ between two history snapshots ([] for the first)."""
    if not before:
        return []
    if isinstance(before, str):  # some databases hand back JSON from a window function as text
        before = json.loads(before)
    labels = {
        "title": _("Name"),
        "description": _("What happens"),
        "minutes": _("Minutes"),
        "kind": _("Kind"),
        "picture": _("Picture"),
        "leader_ids": _("Who leads it"),
        "leaders": _("Who leads it"),
        "concern_id": _("Concern"),
    }
    changed = []
    for name, label in labels.items():
        if name in after and not _same(before.get(name), after.get(name)) and label not in changed:
            changed.append(label)
    return changed
