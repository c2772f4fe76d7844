"""The code keeps the shape ARCHITECTURE.md describes: small modules, and features that meet
through each other's queries and services, never through each other's views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parents[1] / "portal"
MODULES = sorted(PORTAL.rglob("*.py"))
MAX_LINES = 300


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PORTAL.parent).with_suffix("").parts)


def _is_view_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last == "views" or last.startswith("views_") or last.endswith("_views")


def _feature(name: str) -> str:
    return name.split(".")[1] if name.count(".") >= 1 else ""


def _imported(path: Path) -> set[str]:
    """Every module this file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_is_over_300_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{_name(path)} has {lines} lines: split it along its seams"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_feature_imports_another_features_views(path):
    me = _name(path)
    reached = {
        name
        for name in _imported(path)
        if name.startswith("portal.") and _is_view_module(name) and _feature(name) != _feature(me)
    }
    assert not reached, f"{me} imports {sorted(reached)}: move what it needs out of the views"


def test_the_checks_see_the_modules_they_guard():
    names = {_name(path) for path in MODULES}
    assert {"portal.agendas.views", "portal.agendas.panel", "portal.sessions.views"} <= names
    assert "portal.agendas.panel" in _imported(PORTAL / "sessions" / "views.py")


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
