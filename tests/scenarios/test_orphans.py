"""A pool's workers do not outlive the process that started them, even when it is killed with
SIGKILL (no chance to stop its pool): the run's pool (:func:`scenarios.executors.executor_for`),
a :class:`scenarios.road.Session` (created by a thread that ends long before the session) and
the web app's pool (workers started by a fork server)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from benchscript import bench_script

descendants = bench_script("proctree.py", "proctree").descendants  # the /proc walk bench/ samples with
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent id) of ``pid``, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def _running(pids: set[int]) -> set[int]:
    """Those of ``pids`` that still run (a zombie has ended: it only waits to be reaped)."""
    return {pid for pid in pids if (got := _stat(pid)) is not None and got[0] != "Z"}


def _workers_after_kill(script: str, count: int) -> tuple[set[int], set[int], set[int]]:
    """Start ``script`` (it prints "ready" once its pool's ``count`` workers run), kill it with
    SIGKILL, and return (every process it started, seen before: its workers, a fork server,
    multiprocessing's resource tracker; the workers among them; those still running up to 20 s after)."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", (line, proc.stderr.read() if proc.poll() is not None else "")
        family: set[int] = set()
        for _ in range(200):  # the workers of a fork server are grandchildren: wait until all are seen
            family = descendants(proc.pid)
            if len([pid for pid in family if _is_fork(pid)]) >= count:
                break
            time.sleep(0.05)
        assert len([pid for pid in family if _is_fork(pid)]) >= count, f"expected {count} workers in {sorted(family)}"
        assert _running(family) == family
        workers = {pid for pid in family if _is_fork(pid)}
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close() if proc.stdout else None
        proc.stderr.close() if proc.stderr else None
    left = _running(family)
    for _ in range(200):  # the watchdog looks every 0.5 s; the parent-death signal is at once
        if not left:
            break
        time.sleep(0.1)
        left = _running(left)
    for pid in left:  # do not leave them behind when the test fails
        os.kill(pid, signal.SIGKILL)
    return family, workers, left


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _is_fork(pid: int) -> bool:
    """A pool worker: a fork of its parent (the same command line), not a fork server or a resource
    tracker (their own command lines)."""
    got = _stat(pid)
    return got is not None and _cmdline(pid) == _cmdline(got[1])


def test_the_runs_pool_ends_with_a_killed_run() -> None:
    family, workers, left = _workers_after_kill("""
        import os, time
        from concurrent.futures import ProcessPoolExecutor
        from scenarios.executors import executor_for
        with executor_for(workers=2, jobs=10, cost=1e9) as pool:
            assert isinstance(pool, ProcessPoolExecutor), pool
            pool.submit(os.getpid).result()
            print("ready", flush=True)
            time.sleep(60)
    """, 2)
    assert len(workers) == 2
    assert left == set(), f"still running after the run was killed: {sorted(left)} of {sorted(family)}"


def test_a_sessions_workers_outlive_the_thread_that_made_it_but_not_the_process() -> None:
    family, workers, left = _workers_after_kill("""
        import os, threading, time
        from scenarios.road import Session
        made = []
        maker = threading.Thread(target=lambda: made.append(Session(2, start_method="fork")))
        maker.start(); maker.join()
        time.sleep(1.0)  # the thread that forked the workers has ended: they must still be there
        pool = made[0]._executor()
        assert {pool.submit(os.getpid).result() for _ in range(20)}
        print("ready", flush=True)
        time.sleep(60)
    """, 2)
    assert len(workers) == 2
    assert left == set(), f"still running after the process was killed: {sorted(left)} of {sorted(family)}"


def test_the_web_apps_workers_end_with_a_killed_server() -> None:
    pytest.importorskip("starlette")
    family, workers, left = _workers_after_kill("""
        import os, time
        from web.runs import Runs
        pool = Runs(workers=2)._executor()
        assert {pool.submit(os.getpid).result() for _ in range(2)}
        print("ready", flush=True)
        time.sleep(60)
    """, 1)
    assert workers
    assert left == set(), f"still running after the server was killed: {sorted(left)} of {sorted(family)}"
