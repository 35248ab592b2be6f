"""Independent pieces of work shared with forked helpers: results in order, the same whatever the workers.

:func:`run_shared` forks ``workers - 1`` helper processes (POSIX ``fork``: each starts with
everything this process has loaded and prepared, so nothing is sent to it), gives item ``k`` to
worker ``k % workers`` (worker 0 is this process) and reads each helper's results back through
a pipe (pickled; ``last_here``: this process takes the last share). The result list is in the order of ``items`` whatever the workers, and each
entry is what ``compute`` gives for that item in this process: ``compute`` must be a pure
function of its item (caches that only remember are fine).

Falls back to computing everything here when forking is not available or not safe (not
Linux, another thread running: a fork copies locks held by other threads), and for a helper's
share when that helper fails in any way (its error is raised here then, by computing its items
again). A forked helper has no pool, queue or thread of its own: starting one costs the fork
and the pickled results (a few milliseconds), not a ``multiprocessing`` pool's start-up. Before
forking, glibc's heap trimming is held off (:func:`processes.heapkeep.keep_heap`).

:class:`Forked` starts one piece of work in a forked helper now and reads its result when asked,
so that this process goes on meanwhile (the same fallbacks).

Users: the pairwise diffs of an N-way comparison (:mod:`processes.diff.forkpairs`), the
replications of a run too small for a process pool (:func:`scenarios.schedule.run_units`) and the
report's model comparison made while a run starts (``clicommands/workers.py``'s ``Ahead``).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from processes.heapkeep import keep_heap

__all__ = ["Forked", "run_shared", "can_fork", "default_workers"]

P = TypeVar("P")
R = TypeVar("R")


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True where :func:`run_shared` forks: Linux, and no other thread running in this process."""
    # Linux only: on macOS a forked child of a process that loaded system frameworks may crash
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def run_shared(items: Sequence[P], compute: Callable[[P], R], workers: int = 1, *, last_here: bool = False) -> list[R]:
    """``[compute(p) for p in items]``, on up to ``workers`` processes (module doc). ``last_here``:
    this process takes the last share (``items[workers - 1::workers]``, never longer than another)
    instead of the first: for a caller that has already done some of the work itself."""
    workers = max(1, min(int(workers), len(items)))
    if workers == 1 or not can_fork():
        return [compute(p) for p in items]
    keep_heap()  # the helpers start with it: fewer page faults (processes.heapkeep)
    here = workers - 1 if last_here else 0
    helpers: dict[int, tuple[int, int]] = {}  # worker -> (pid, read end of its pipe)
    shares: dict[int, list[R] | None] = {}
    done = False
    try:
        for worker in range(workers):
            if worker == here:
                continue
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                _helper(write, [r for _, r in helpers.values()] + [read], items[worker::workers], compute)
            os.close(write)
            helpers[worker] = (pid, read)
        shares[here] = [compute(p) for p in items[here::workers]]
        for worker, (_pid, read) in helpers.items():
            shares[worker] = _collect(read)
        done = True
    finally:
        for pid, read in helpers.values():
            os.close(read)
            if not done:
                os.kill(pid, signal.SIGKILL)  # this process failed: its helpers' work is not wanted
            os.waitpid(pid, 0)
    out: list[R] = [None] * len(items)  # type: ignore[list-item]
    for worker in range(workers):
        share = shares.get(worker)
        if share is None:  # the helper failed: its items again, here (an error is raised here)
            share = [compute(p) for p in items[worker::workers]]
        out[worker::workers] = share
    return out


class Forked(Generic[P, R]):
    """``compute(item)`` started now in a forked helper (where :func:`can_fork`), read back by
    :meth:`result`; where it cannot fork, or the helper fails in any way, :meth:`result` computes it
    here (so its error is raised here). :meth:`cancel` stops a helper whose result is not wanted.
    Each ``Forked`` is read or cancelled once; ``compute`` must be a pure function of ``item``."""

    def __init__(self, item: P, compute: Callable[[P], R]) -> None:
        self.item, self.compute = item, compute
        self._child: tuple[int, int] | None = None  # (pid, read end of its pipe)
        if can_fork():
            keep_heap()
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                _helper(write, [read], [item], compute)
            os.close(write)
            self._child = (pid, read)

    @property
    def forked(self) -> bool:
        """A helper is computing it (not read or cancelled yet)."""
        return self._child is not None

    def result(self) -> R:
        """The helper's result (waiting for it), or ``compute(item)`` here when there is none."""
        child, self._child = self._child, None
        share = None
        if child is not None:
            pid, read = child
            try:
                share = _collect(read)
            finally:
                os.close(read)
                os.waitpid(pid, 0)
        return share[0] if share is not None else self.compute(self.item)

    def cancel(self) -> None:
        """Stop the helper, if one runs: its result is not wanted."""
        child, self._child = self._child, None
        if child is not None:
            pid, read = child
            os.close(read)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _helper(write: int, inherited: list[int], share: Sequence[P], compute: Callable[[P], R]) -> None:
    """In the forked helper: compute ``share``, send it pickled through ``write``, exit (without
    the parent's exit handlers or buffered output)."""
    code = 0
    try:
        for fd in inherited:
            os.close(fd)
        try:
            data = pickle.dumps((True, [compute(p) for p in share]), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # any failure: the parent computes the share itself
            data = pickle.dumps((False, None))
        with os.fdopen(write, "wb") as out:
            out.write(data)
    except BaseException:  # nothing may escape a forked child
        code = 1
    finally:
        os._exit(code)


def _collect(read: int) -> list[Any] | None:
    """A helper's results, or None when it sent none."""
    chunks = []
    while chunk := os.read(read, 1 << 20):
        chunks.append(chunk)
    try:
        ok, results = pickle.loads(b"".join(chunks))
    except Exception:  # a helper that died half-way: its share is computed here
        return None
    return results if ok else None
