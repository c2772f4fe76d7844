"""Fill Welsh translations into the catalogue from a small Python file of pairs.

    python scripts/fill_translations.py translations/cy/new-strings.py

The file defines WELSH = {"English": "Cymraeg", ...}; plural entries map to a tuple, one
string for each Welsh plural form. Strings already translated are left as they are unless the
file gives a new translation.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = Path(__file__).resolve().parent.parent / "translations/cy/LC_MESSAGES/messages.po"


def main(source: str) -> None:
    welsh = runpy.run_path(source)["WELSH"]
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    unused = set(welsh)
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key in welsh:
            unused.discard(key)
            translation = welsh[key]
            if isinstance(message.id, tuple):
                plural_count = catalog.num_plurals
                forms = translation if isinstance(translation, tuple) else (translation,)
                message.string = (
                    tuple((forms * plural_count)[:plural_count]) if len(forms) == 1 else forms
                )
            else:
                message.string = translation
            message.flags.discard("fuzzy")
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=True)
    for key in sorted(unused):
        print(f"not in the catalogue: {key!r}")


if __name__ == "__main__":
    main(sys.argv[1])
