"""Running Graphviz ``dot`` and reading its node positions.

The ``graphviz-pure`` binary (a pip-installed Rust port of Graphviz that takes dot's
command line, a dependency) is looked for beside the running Python, in its scripts
directory and on PATH; only without it does a ``dot`` on PATH run. graphviz-pure comes
first because it is always installed, so a diagram is the same on every machine (the
library's diagrams are compared byte for byte with what their sources generate), and
because it is the faster one here: on the same 1,000- and 2,000-task graphs Debian's
Graphviz 2.43 ``dot`` took 1.7 and 32.5 CPU s, graphviz-pure 1.4 and 12.5
(``bench/RESULTS-large.md``). Without both a :class:`~processes.errors.PermitflowError`
says what to install.

The ``graphviz`` Python package is not a dependency: it only runs an executable
named ``dot`` found on PATH (a module constant), so it cannot run the
``graphviz-pure`` binary, and all this module needs is one ``dot -Tplain`` call.

Time limit: a run may take :data:`DOT_TIMEOUT_S` plus :data:`DOT_SECONDS_PER_NODE` per
node of the graph in CPU seconds of the Graphviz process (a loaded machine slows the wall
clock, not the work) (dot needs about 15 ms of CPU per node on a 5,000-task model, a
minute and a quarter), or what :func:`layout_session` says (the command line's
``--layout-timeout``; 0 is no limit). A session also records which engine ran.
"""

from __future__ import annotations

import contextvars
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from processes.errors import PermitflowError

__all__ = ["find_dot", "run_dot", "DotNode", "quote", "engine_name", "scaled_timeout", "layout_session",
           "LayoutRun", "LayoutSession"]

DOT_TIMEOUT_S = 60.0  # the least time a run gets
DOT_SECONDS_PER_NODE = 0.05  # and this much more per node: about three times what dot needs
POINTS_PER_INCH = 72.0


@dataclass(frozen=True, slots=True)
class DotNode:
    """A node's centre and size in pixels, y growing downwards."""

    name: str
    cx: float
    cy: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class LayoutRun:
    """One Graphviz run: which engine (``dot`` or ``graphviz-pure``), where, how big, how long."""

    engine: str
    executable: str
    nodes: int
    seconds: float
    blocks: int = 1  # > 1: one of the chained blocks of a large container (bpmn_io.layout_chain)


@dataclass(slots=True)
class LayoutSession:
    """Settings and record of the layouts inside one :func:`layout_session` block.

    ``timeout``: seconds each Graphviz run may take (``None``: :func:`scaled_timeout`
    of the graph's size; ``0``: no limit).
    """

    timeout: float | None = None
    runs: list[LayoutRun] = field(default_factory=list)

    def summary(self) -> list[str]:
        """One line per Graphviz run, or per chain of blocks: engine, executable, nodes, seconds."""
        lines: list[str] = []
        runs = list(self.runs)
        while runs:
            run = runs.pop(0)
            if run.blocks == 1:
                lines.append(f"{run.engine} ({run.executable}), {run.nodes:,} nodes, {run.seconds:.1f} s")
                continue
            chain = [run, *runs[:run.blocks - 1]]
            del runs[:run.blocks - 1]
            lines.append(f"{run.engine} ({run.executable}), {sum(r.nodes for r in chain):,} nodes in "
                         f"{len(chain)} chained blocks (a large graph, bpmn_io/layout_chain.py), "
                         f"{sum(r.seconds for r in chain):.1f} s")
        return lines


_SESSION: contextvars.ContextVar[LayoutSession | None] = contextvars.ContextVar("layout_session", default=None)


@contextmanager
def layout_session(timeout: float | None = None) -> Iterator[LayoutSession]:
    """Run layouts with ``timeout`` (see :class:`LayoutSession`) and record each run."""
    if timeout is not None and timeout < 0:
        raise ValueError(f"layout timeout {timeout!r} must be >= 0 seconds (0: no limit)")
    session = LayoutSession(timeout)
    token = _SESSION.set(session)
    try:
        yield session
    finally:
        _SESSION.reset(token)


def scaled_timeout(nodes: int) -> float:
    """Seconds a graph of ``nodes`` nodes may take by default."""
    return DOT_TIMEOUT_S + DOT_SECONDS_PER_NODE * nodes


def engine_name(executable: str) -> str:
    """``graphviz-pure`` for that binary, else ``dot`` (Graphviz itself)."""
    return "graphviz-pure" if Path(executable).name.startswith("graphviz-pure") else "dot"


def find_dot() -> str:
    """The path of a dot-compatible executable (``graphviz-pure`` first, then ``dot``)."""
    exe = "graphviz-pure.exe" if os.name == "nt" else "graphviz-pure"
    candidates = [Path(sys.executable).parent / exe]
    scripts = sysconfig.get_path("scripts")
    if scripts:
        candidates.append(Path(scripts) / exe)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("graphviz-pure") or shutil.which("dot")
    if found:
        return found
    raise PermitflowError(
        "layout needs Graphviz: no 'dot' on PATH and no 'graphviz-pure' binary "
        "(expected: install Graphviz, or `pip install graphviz-pure`)"
    )


def quote(text: str) -> str:
    """A dot string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def run_dot(source: str, *, executable: str | None = None, timeout: float | None = None,
            blocks: int = 1) -> dict[str, DotNode]:
    """Lay out the dot graph ``source`` and return its nodes by name.

    Uses ``-Tplain`` output; positions are converted from inches (y up) to
    pixels (y down) with 72 pixels an inch. ``timeout`` (seconds, 0: none)
    overrides the session's and the size-scaled default. ``blocks``: the graph is one of
    that many chained blocks (recorded for the session's summary).
    """
    exe = executable or find_dot()
    nodes = source.count("width=")  # every node statement sizes its node
    session = _SESSION.get()
    if timeout is None:
        timeout = session.timeout if session is not None and session.timeout is not None else scaled_timeout(nodes)
    began = time.perf_counter()
    try:
        out, err, code = _run_limited([exe, "-Tplain"], source.encode("utf-8"), timeout)
    except subprocess.TimeoutExpired as expired:
        raise PermitflowError(
            f"Graphviz ({exe}) did not finish within {timeout:g} CPU s for a graph of {nodes:,} nodes"
        ).with_option("layout_timeout", "a larger --layout-timeout gives it longer, 0 no limit") from expired
    except OSError as failure:
        raise PermitflowError(f"cannot run Graphviz ({exe}): {failure.strerror or failure}") from failure
    if session is not None:
        session.runs.append(LayoutRun(engine_name(exe), exe, nodes, time.perf_counter() - began, blocks))
    if code != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        raise PermitflowError(f"Graphviz ({exe}) failed: {detail[-1] if detail else f'exit {code}'}")
    return parse_plain(out.decode("utf-8", "replace"))


#: a run that uses little CPU (a hung engine) is stopped after this many times its CPU limit in wall time
WALL_FACTOR = 10.0


def _run_limited(command: list[str], data: bytes, limit: float) -> tuple[bytes, bytes, int]:
    """Run ``command`` with ``data`` on stdin: (stdout, stderr, exit code).

    ``limit`` counts the child's CPU seconds (read from /proc where there is one, else wall
    seconds), so a machine shared with other work does not turn a layout that would finish into
    a failure; 0 is no limit. Raises ``subprocess.TimeoutExpired`` after killing the child.
    """
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=hasattr(os, "killpg"))
    began = time.perf_counter()
    first = True
    while True:
        try:
            out, err = proc.communicate(input=data if first else None, timeout=0.5)
            return out, err, proc.returncode
        except subprocess.TimeoutExpired:
            first = False
            wall = time.perf_counter() - began
            cpu = _cpu_seconds(proc.pid)
            if limit and ((cpu if cpu is not None else wall) > limit or wall > WALL_FACTOR * limit):
                _end(proc)
                raise
        except BaseException:
            _end(proc)
            raise


def _end(proc: subprocess.Popen[bytes]) -> None:
    """Kill the engine and every process it started, then collect it.

    A process the engine started (a wrapper script's ``sleep``, a helper) inherits its pipes:
    killing only the engine left :meth:`~subprocess.Popen.communicate` waiting until that
    process ended, so a hung engine behind a wrapper was stopped only when its child chose
    to end (a test's ``sh`` running ``sleep 30``: 30 s, not the 1 s the wall clock allows).
    The engine runs in a session of its own, so its process group is all of them.
    """
    if hasattr(os, "killpg"):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # the group has ended already
            pass
    else:
        proc.kill()
    proc.communicate()


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (Linux /proc), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


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
