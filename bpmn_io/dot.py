"""Running Graphviz ``dot`` and reading its node positions.

``dot`` comes from PATH when installed; otherwise the ``graphviz-pure`` binary
(a pip-installed Rust port that takes dot's command line) is looked for beside
the running Python, in its scripts directory and on PATH. No manual step is
needed in either case; without both a :class:`~processes.errors.PermitflowError`
says what to install.

The ``graphviz`` Python package is not a dependency: it only runs an executable
named ``dot`` found on PATH (a module constant), so it cannot run the
``graphviz-pure`` binary, and all this module needs is one ``dot -Tplain`` call.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from processes.errors import PermitflowError

__all__ = ["find_dot", "run_dot", "DotNode", "quote"]

DOT_TIMEOUT_S = 60.0
POINTS_PER_INCH = 72.0


@dataclass(frozen=True, slots=True)
class DotNode:
    """A node's centre and size in pixels, y growing downwards."""

    name: str
    cx: float
    cy: float
    width: float
    height: float


def find_dot() -> str:
    """The path of a dot-compatible executable (``dot`` first, then ``graphviz-pure``)."""
    found = shutil.which("dot")
    if found:
        return found
    exe = "graphviz-pure.exe" if os.name == "nt" else "graphviz-pure"
    candidates = [Path(sys.executable).parent / exe]
    scripts = sysconfig.get_path("scripts")
    if scripts:
        candidates.append(Path(scripts) / exe)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("graphviz-pure")
    if found:
        return found
    raise PermitflowError(
        "layout needs Graphviz: no 'dot' on PATH and no 'graphviz-pure' binary "
        "(expected: install Graphviz, or `pip install graphviz-pure`)"
    )


def quote(text: str) -> str:
    """A dot string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def run_dot(source: str, *, executable: str | None = None, timeout: float = DOT_TIMEOUT_S) -> dict[str, DotNode]:
    """Lay out the dot graph ``source`` and return its nodes by name.

    Uses ``-Tplain`` output; positions are converted from inches (y up) to
    pixels (y down) with 72 pixels an inch.
    """
    exe = executable or find_dot()
    try:
        done = subprocess.run(
            [exe, "-Tplain"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise PermitflowError(f"Graphviz ({exe}) did not finish within {timeout:g} s") from err
    except OSError as err:
        raise PermitflowError(f"cannot run Graphviz ({exe}): {err.strerror or err}") from err
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PermitflowError(f"Graphviz ({exe}) failed: {detail[-1] if detail else f'exit {done.returncode}'}")
    return parse_plain(done.stdout.decode("utf-8", "replace"))


def parse_plain(text: str) -> dict[str, DotNode]:
    """Node positions from dot's ``-Tplain`` output."""
    height = 0.0
    nodes: dict[str, DotNode] = {}
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "graph" and len(parts) >= 4:
            height = float(parts[3]) * POINTS_PER_INCH
        elif parts[0] == "node" and len(parts) >= 6:
            name = parts[1].strip('"')
            x, y, w, h = (float(v) * POINTS_PER_INCH for v in parts[2:6])
            nodes[name] = DotNode(name, x, height - y, w, h)
    return nodes
