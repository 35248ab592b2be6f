"""The import direction of DESIGN.md: cli -> web -> report -> {scenarios, calibrate} -> {simulator, bpmn_io} -> processes.

simulator and bpmn_io never import each other; processes imports none of ours; calibrate may use
scenarios (to validate by simulation), never the reverse; and no module imports itself back
through others, within a package or across packages (a function-level import counts: it is a
cycle deferred, not removed). The cli layer is cli.py and its package of commands, clicommands/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("processes", "simulator", "bpmn_io", "scenarios", "calibrate", "report", "web", "cli", "clicommands")
ALLOWED = {
    "processes": {"processes"},
    "bpmn_io": {"bpmn_io", "processes"},
    "simulator": {"simulator", "processes"},
    "scenarios": {"scenarios", "simulator", "bpmn_io", "processes"},
    "calibrate": {"calibrate", "scenarios", "simulator", "bpmn_io", "processes"},
    "report": {"report", "scenarios", "calibrate", "simulator", "bpmn_io", "processes"},
    "web": {"web", "report", "scenarios", "calibrate", "simulator", "bpmn_io", "processes"},
    "cli": set(OURS),
    "clicommands": set(OURS),  # cli.py's commands: the cli layer
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
    files += [("clicommands", p) for p in sorted((ROOT / "clicommands").rglob("*.py"))]
    for layer in OURS[:-2]:
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


# --------------------------------------------------------------------------- no import cycles


def module_name(path: Path) -> str:
    """``simulator/engine.py`` -> ``simulator.engine``; a package's ``__init__.py`` -> the package."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Our modules that ``path`` imports, anywhere in it (a function-level import counts too).

    ``from simulator import tokens`` depends on the module ``simulator.tokens``;
    ``from simulator import simulate`` on the package ``simulator`` (its ``__init__``).
    """
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module)
    return {name for name in found if name in known and name != me}


def import_graph() -> dict[str, set[str]]:
    packages = (*OURS[:-2], "clicommands")  # cli.py is a module; its commands a package
    files = [ROOT / "cli.py"] + [p for layer in packages for p in sorted((ROOT / layer).rglob("*.py"))]
    known = {module_name(p) for p in files}
    return {module_name(p): imported_modules(p, known) for p in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph``: each strongly connected group of two or more modules, sorted."""
    import networkx as nx

    g = nx.DiGraph([(a, b) for a, targets in graph.items() for b in targets])
    return sorted(sorted(group) for group in nx.strongly_connected_components(g) if len(group) > 1)


def test_the_cycle_finder_sees_lazy_and_package_imports(tmp_path: Path) -> None:
    graph = {"a.x": {"a.y"}, "a.y": {"a"}, "a": {"a.x"}, "b": set()}
    assert cycles(graph) == [["a", "a.x", "a.y"]]


def test_no_import_cycles_within_or_between_packages() -> None:
    assert cycles(import_graph()) == []
