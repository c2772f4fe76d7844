"""The conflict screen's comparison: every field of an item, what is saved and what you wrote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.agendas.models import ITEM_KINDS, ITEM_PICTURES, AgendaItem, typed_names
from portal.templating import and_list

NOTHING = "\N{EN DASH}"  # an empty field


@dataclass(frozen=True)
class FieldPair:
    label: str
    theirs: str
    yours: str

    @property
    def differs(self) -> bool:
        return self.theirs != self.yours


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


def compare(theirs: AgendaItem, yours: dict[str, Any], people: dict[int, str], concerns: dict):
    """Pairs for each field, in the form's order. `people` names the leader ids in `yours`;
    `concerns` titles the concerns this person may see."""
    your_leaders = [people.get(person_id, "") for person_id in yours.get("leader_ids") or []]
    your_leaders = [name for name in your_leaders if name] + typed_names(yours.get("leaders"))
    return [
        *_pairs(theirs, yours, your_leaders),
        FieldPair(
            _("Concern"),
            _concern(theirs.concern_id, concerns),
            _concern(yours.get("concern_id"), concerns),
        ),
    ]


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
