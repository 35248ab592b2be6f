"""A run whose work never starts (refused by its task, cancelled before its first unit, or left without a
pool or a thread to run on) ends all the same: nothing of it stays in the server's record of when runs
started (web.runs), so a server that runs for weeks does not grow by one entry per such run."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from processes.errors import PermitflowError
from web.runs import Runs


def _refused(_run: Any, _executor: Any) -> Any:
    raise PermitflowError("refused before its first unit")


def test_runs_refused_or_cancelled_before_their_first_unit_leave_no_start_behind(
        monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []

    class Recorded(threading.Thread):  # each run's thread, to wait for its end
        def start(self) -> None:
            threads.append(self)
            super().start()

    monkeypatch.setattr("web.runs.threading.Thread", Recorded)
    runs = Runs(workers=0)
    runs._executor = lambda: ThreadPoolExecutor(1)  # type: ignore[method-assign]  # threads, not processes
    gate = threading.Event()

    def waits(_run: Any, _executor: Any) -> Any:
        gate.wait(10)
        return None, {}

    refused = runs.start_task(1, _refused)
    cancelled = runs.start_task(3, waits)
    cancelled.cancel()
    gate.set()
    for thread in threads:
        thread.join(10)
    assert len(threads) == 2
    assert (refused.state, cancelled.state) == ("failed", "cancelled")
    assert len(runs._started) == 0


def test_a_run_left_without_a_thread_or_a_pool_ends_failed_and_leaves_no_start_behind(
        monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Runs(workers=0, most=1)
    runs._executor = lambda: ThreadPoolExecutor(1)  # type: ignore[method-assign]

    class NoThread(threading.Thread):
        def start(self) -> None:
            raise RuntimeError("can't start new thread")

    with monkeypatch.context() as patched:
        patched.setattr("web.runs.threading.Thread", NoThread)
        with pytest.raises(RuntimeError, match="can't start new thread"):
            runs.start_task(1, lambda _run, _ex: (None, {}))

    def no_pool() -> Any:
        raise OSError("no processes to be had")

    runs._executor = no_pool  # type: ignore[method-assign]
    with pytest.raises(OSError, match="no processes"):
        runs.start_task(1, lambda _run, _ex: (None, {}))
    assert [run.state for run in runs._runs.values()] == ["failed", "failed"]
    assert [run.error for run in runs._runs.values()] == ["can't start new thread", "no processes to be had"]
    assert len(runs._started) == 0
    # neither holds the one place among the runs at once (most=1): a run after them starts and finishes
    runs._executor = lambda: None  # type: ignore[method-assign]
    assert runs.start_task(1, lambda _run, _ex: (None, {"ok": True})).state == "done"
