"""`permitflow run` on a forked pool: matplotlib loaded once, in the parent, before the workers fork
(cli.py _travel/_warm_report); a pool that does not fork still gets each worker's warm-up task."""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any

import pytest

import cli
from report.plots import warm_up


class _Counting(ThreadPoolExecutor):
    def __init__(self) -> None:
        super().__init__(1)
        self.calls: list[Any] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.calls.append(fn)
        return super().submit(fn, *args, **kwargs)


class _CountingPool(ProcessPoolExecutor):
    def __init__(self) -> None:
        super().__init__(1, mp_context=get_context("fork"))
        self.calls: list[Any] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.calls.append(fn)
        return super().submit(fn, *args, **kwargs)


def test_workers_that_do_not_fork_each_get_a_warm_up() -> None:
    with _Counting() as executor:
        cli._warm_report(executor, 3)
    assert executor.calls == [warm_up, warm_up, warm_up]


@pytest.mark.skipif("fork" not in get_all_start_methods(), reason="no fork here")
def test_forked_workers_get_no_warm_up_task() -> None:
    with _CountingPool() as executor:
        cli._warm_report(executor, 2)
    assert executor.calls == []
