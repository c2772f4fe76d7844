"""The code keeps the shape ARCHITECTURE.md describes: small modules. That features meet through
each other's queries and services, never views, and only downward, is import-linter's job
(tests/test_import_contracts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

# Runs once, in the SQLite run: nothing here touches a database.
pytestmark = pytest.mark.without_database

PORTAL = Path(__file__).resolve().parents[1] / "portal"
MODULES = sorted(PORTAL.rglob("*.py"))
MAX_LINES = 300


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PORTAL.parent).with_suffix("").parts)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_300_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{_name(path)} has {lines} lines: split it along its seams"


def test_the_check_sees_the_modules_it_guards():
    names = {_name(path) for path in MODULES}
    assert {"portal.agendas.views", "portal.agendas.panel", "portal.sessions.views"} <= names


TEMPLATE_REGISTRATIONS = (
    "app_template_global",
    "app_template_filter",
    "app_context_processor",
    "context_processor",
    "jinja_env.globals",
    "jinja_env.filters",
    "add_template_global",
)


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_template_helpers_are_registered_only_in_templating(path):
    # One place to find every name a template can use, so none is registered twice.
    if path == PORTAL / "templating.py":
        return
    text = path.read_text(encoding="utf-8")
    assert not [way for way in TEMPLATE_REGISTRATIONS if way in text], _name(path)
