"""Welsh ships complete: every message the code uses has a Welsh translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

# Runs once, in the SQLite run: nothing here touches a database.
pytestmark = pytest.mark.without_database

ROOT = Path(__file__).resolve().parent.parent
WELSH = ROOT / "translations/cy/LC_MESSAGES/messages.po"


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory) -> set[str]:
    """Every message in the code and templates today, extracted afresh."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract",
         "-F", "translations/babel.cfg", "-k", "_l", "-k", "lazy_gettext",
         "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(pot) if m.id}


def test_every_message_in_the_code_is_in_the_welsh_catalogue(source_messages):
    welsh = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(WELSH) if m.id}
    missing = sorted(source_messages - welsh)
    assert not missing, f"run `make extract-messages`, then translate: {missing}"


def test_every_welsh_message_is_translated():
    untranslated = [
        m.id
        for m in _catalog(WELSH)
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
    ]
    assert not untranslated, f"no Welsh yet for: {untranslated}"


def test_welsh_keeps_every_placeholder():
    for message in _catalog(WELSH):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {part.split(")")[0] for part in ids[0].split("%(")[1:]}
        for string in strings:
            found = {part.split(")")[0] for part in string.split("%(")[1:]}
            assert found == wanted, f"{message.id!r} -> {string!r}"
