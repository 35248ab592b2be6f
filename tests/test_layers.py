"""The import direction of DESIGN.md: cli -> report -> {scenarios, calibrate} -> {simulator, bpmn_io} -> processes.

simulator and bpmn_io never import each other; processes imports none of ours; calibrate may use
scenarios (to validate by simulation), never the reverse.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("processes", "simulator", "bpmn_io", "scenarios", "calibrate", "report", "cli")
ALLOWED = {
    "processes": {"processes"},
    "bpmn_io": {"bpmn_io", "processes"},
    "simulator": {"simulator", "processes"},
    "scenarios": {"scenarios", "simulator", "bpmn_io", "processes"},
    "calibrate": {"calibrate", "scenarios", "simulator", "bpmn_io", "processes"},
    "report": {"report", "scenarios", "calibrate", "simulator", "bpmn_io", "processes"},
    "cli": set(OURS),
}


def imported_top_levels(source: str) -> set[tuple[str, int]]:
    """Top-level names of our packages imported by ``source``, with line numbers."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add((alias.name.split(".")[0], node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
    return {(name, line) for name, line in found if name in OURS}


def layer_files() -> list[tuple[str, Path]]:
    files = [("cli", ROOT / "cli.py")]
    for layer in OURS[:-1]:
        files += [(layer, p) for p in sorted((ROOT / layer).rglob("*.py"))]
    return files


def test_checker_catches_an_upward_import() -> None:
    assert imported_top_levels("import simulator.engine\nfrom bpmn_io import reader\n") == {
        ("simulator", 1),
        ("bpmn_io", 2),
    }


@pytest.mark.parametrize("layer,path", layer_files(), ids=lambda v: str(v).rsplit("/", 1)[-1])
def test_imports_go_down_only(layer: str, path: Path) -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line}: {layer} imports {name}"
        for name, line in sorted(imported_top_levels(path.read_text(encoding="utf-8")))
        if name not in ALLOWED[layer]
    ]
    assert bad == []


def test_no_star_imports() -> None:
    offenders = []
    for _layer, path in layer_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
