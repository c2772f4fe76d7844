"""Small pieces of wording that views, services and templates share.

Kept apart from portal.templating, which registers every feature's template helpers and so
imports every feature: a feature that imports this module reaches nothing above it.
"""

from __future__ import annotations

from flask_babel import gettext as _


def and_list(words) -> str:
    """ "Alex, Dev and Sam" in the reader's language (Babel's Welsh list says "a(c)")."""
    words = [str(word) for word in words]
    if len(words) < 2:
        return "".join(words)
    return _("%(first)s and %(last)s", first=", ".join(words[:-1]), last=words[-1])
