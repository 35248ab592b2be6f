"""The processes below a process, read from Linux's /proc: what bench_serve_memory.py samples and the
server's tests (tests/web/) count. Not a benchmark (run_all.py lists it among NOT_BENCHMARKS).

One walk of /proc gives every process's parent; the descendants follow from that table, so a process
that starts or ends during the walk is either in it or not, never read half.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["parents", "descendants"]


def parents() -> dict[int, int]:
    """Every process's parent id, by process id (a process gone while /proc is read is left out)."""
    out = {}
    for entry in Path("/proc").iterdir():
        try:
            # the name in brackets may hold spaces and brackets: the fields after its last ")" are plain
            out[int(entry.name)] = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
        except (ValueError, OSError):
            continue
    return out


def descendants(root: int) -> set[int]:
    """The children of process ``root``, theirs, and so on (``root`` itself not among them)."""
    table = parents()
    found: set[int] = set()
    todo = [root]
    while todo:
        pid = todo.pop()
        kids = [child for child, parent in table.items() if parent == pid and child not in found]
        found.update(kids)
        todo += kids
    return found - {root}
