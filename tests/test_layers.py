"""The house's layers import only downwards: a module may import its own package and the
packages below it, never one above (README, "Layout")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each product package and the packages it may import (besides itself).
MAY_IMPORT = {
    "core": set(),
    "pipelines": {"core"},
    "demo": {"core", "pipelines"},
    "metrics": {"core", "pipelines"},
    "appstore": {"core"},
    "presentation": {"core", "metrics"},
    "exports": {"core", "pipelines", "metrics", "presentation", "appstore"},
    "dashboard": {"core", "pipelines", "metrics", "presentation", "exports", "appstore"},
    "cli": {"core", "pipelines", "demo", "metrics", "presentation", "exports", "appstore"},
    "devtools": {
        "core",
        "pipelines",
        "demo",
        "metrics",
        "presentation",
        "exports",
        "cli",
        "appstore",
    },
}
# `python -m pipelines` is the name the data contract gives the command line: a thin alias.
ALIASES = {Path("pipelines/__main__.py"): {"cli"}}


def project_imports(path: Path) -> set[str]:
    """The top-level project packages a file imports, at any depth in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & MAY_IMPORT.keys()
    return found


def upward_imports(root: Path) -> list[str]:
    """`file imports package` for every import that runs up a layer."""
    wrong = []
    for package, allowed in MAY_IMPORT.items():
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            ok = allowed | {package} | ALIASES.get(relative, set())
            wrong += [f"{relative} imports {p}" for p in sorted(project_imports(path) - ok)]
    return wrong


def test_every_package_is_placed_in_a_layer():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests"}
    assert packages == MAY_IMPORT.keys()


def test_no_import_runs_up_a_layer():
    assert upward_imports(ROOT) == []


@pytest.mark.parametrize(
    ("package", "line"),
    [
        ("pipelines", "from metrics.query import run"),
        ("metrics", "    from exports.build import build_export"),
        ("presentation", "import dashboard.ui"),
        ("core", "from pipelines.store import writer"),
    ],
)
def test_an_upward_import_is_caught(tmp_path, package, line):
    for name in MAY_IMPORT:
        (tmp_path / name).mkdir()
    (tmp_path / package / "bad.py").write_text(f"def f():\n    pass\n{line.strip()}\n")
    assert upward_imports(tmp_path) == [f"{package}/bad.py imports {line.split()[1].split('.')[0]}"]
