"""The layers hold: import-linter's contracts in pyproject.toml pass on the real code, fail on a
planted arrow up or a planted import of another feature's views, and list every view module."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

# Runs once, in the SQLite run: nothing here touches a database.
pytestmark = pytest.mark.without_database

ROOT = Path(__file__).resolve().parents[1]
PORTAL = ROOT / "portal"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
FEATURES = sorted(path.parent.name for path in PORTAL.glob("*/__init__.py"))


def _is_view_module(stem: str) -> bool:
    return stem == "views" or stem.startswith("views_") or stem.endswith("_views")


def _view_modules(feature: str) -> set[str]:
    return {
        f"portal.{feature}.{path.stem}"
        for path in (PORTAL / feature).glob("*.py")
        if _is_view_module(path.stem)
    }


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    assert LINT_IMPORTS.exists(), "install the test extras: import-linter runs in `make lint`"
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,  # lint-imports reads pyproject.toml and imports `portal` from here
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_feature_has_a_layer():
    [layers] = [c for c in CONFIG["contracts"] if c["type"] == "layers"]
    named = {part.strip() for layer in layers["layers"] for part in layer.split("|")}
    assert named == {f"portal.{feature}" for feature in FEATURES}


@pytest.mark.parametrize("feature", FEATURES)
def test_the_views_contract_lists_every_other_features_views(feature):
    """A new views module fails here until the contracts forbid it to the other features."""
    [contract] = [c for c in CONFIG["contracts"] if c["id"] == f"views-{feature}"]
    assert contract["type"] == "forbidden"
    assert contract["source_modules"] == [f"portal.{feature}"]
    others = set().union(*(_view_modules(other) for other in FEATURES if other != feature))
    assert set(contract["forbidden_modules"]) == others


def test_the_real_code_keeps_every_contract():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "bad_import", "broken"),
    [
        ("concerns/labels.py", "from portal.moderation import views", "views-concerns"),
        ("accounts/passwords.py", "from portal.signin import limits", "layers"),
        ("sessions/queries.py", "from portal.agendas import panel", "layers"),
        ("concerns/queries.py", "from portal.sessions import queries", "layers"),
        # The arrows up that were taken out: keep them out.
        ("notices/kinds.py", "from portal.moderation import labels", "layers"),
        ("concerns/views.py", "from portal.moderation.queries import reported_keys", "layers"),
        ("concerns/refusals.py", "from portal.moderation import people", "layers"),
    ],
)
def test_a_planted_bad_import_breaks_the_contracts(tmp_path, module, bad_import, broken):
    shutil.copytree(PORTAL, tmp_path / "portal", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = tmp_path / "portal" / module
    planted.write_text(
        planted.read_text(encoding="utf-8") + f"\n{bad_import}  # noqa\n", encoding="utf-8"
    )
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    [contract] = [c for c in CONFIG["contracts"] if c["id"] == broken]
    assert f"{contract['name']} BROKEN" in result.stdout
