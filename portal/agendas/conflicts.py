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
    """Pairs for each field, in the form's order. `people` and `concerns` name the ids in
    `yours` (the form offered them, so their names are known without another query)."""
    your_leaders = [people.get(person_id, "") for person_id in yours.get("leader_ids") or []]
    your_leaders = [name for name in your_leaders if name] + typed_names(yours.get("leaders"))
    no_concern = _("It is not about a concern")
    their_concern = theirs.concern.title if theirs.concern is not None else no_concern
    your_concern = concerns.get(yours.get("concern_id")) or no_concern
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
        FieldPair(_("Concern"), their_concern, str(your_concern)),
    ]
