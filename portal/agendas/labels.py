"""How agenda items look in every page: each kind's picture and words."""

from __future__ import annotations

import json

from portal.agendas.models import ITEM_KINDS
from portal.static_versions import static_url


def item_kind(code: str) -> tuple[str, str]:
    """The picture and words for a kind of agenda item."""
    picture_name, words = ITEM_KINDS.get(code, ("talk", code))
    return picture_name, str(words)


def kind_picture_urls() -> str:
    """Each kind's picture, so the page can show the right one when the kind changes."""
    return json.dumps(
        {
            code: static_url(f"pictures/{picture_name}.svg")
            for code, (picture_name, _words) in ITEM_KINDS.items()
        }
    )
