"""Typed words are kept in the browser by one script, under one key scheme (issue 13)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEPER = ROOT / "static/js/kept-words.js"


def _our_scripts() -> list[Path]:
    return [path for path in (ROOT / "static/js").glob("*.js") if "htmx" not in path.name]


def test_only_the_keeper_touches_the_phones_storage():
    others = [path.name for path in _our_scripts() if path != KEEPER]
    assert others, "the other scripts were not found"
    for name in ("localStorage", "cg-keep:"):
        users = [path.name for path in _our_scripts() if name in path.read_text()]
        assert users == [KEEPER.name], f"{name} used outside kept-words.js: {users}"
    assert not [path.name for path in _our_scripts() if "sessionStorage" in path.read_text()]


def test_every_page_loads_the_keeper_before_the_scripts_that_use_it(client):
    page = client.get("/help").get_data(as_text=True)
    assert page.index("js/kept-words.js") < page.index("js/portal.js")
