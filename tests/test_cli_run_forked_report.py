"""`permitflow run` on a forked pool: matplotlib loaded once, in the parent, before the workers fork
(clicommands/workers.py travel/warm_report); a pool that does not fork still gets each worker's warm-up
task; a local Dask cluster is started after matplotlib is loaded here, since it forks its workers as it
starts."""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

import pytest

from clicommands import workers
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
        workers.warm_report(executor, 3)
    assert executor.calls == [warm_up, warm_up, warm_up]


@pytest.mark.skipif("fork" not in get_all_start_methods(), reason="no fork here")
def test_forked_workers_get_no_warm_up_task() -> None:
    with _CountingPool() as executor:
        workers.warm_report(executor, 2)
    assert executor.calls == []


def test_a_local_dask_cluster_starts_after_matplotlib_is_loaded_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--dask local` forks its workers as the cluster starts: matplotlib is loaded here first (they
    inherit it) and they get no warm-up task; a second plan on the same cluster loads nothing again."""
    import contextlib
    import shutil
    import sys

    import scenarios.executors
    from scenarios.loader import read_any
    from scenarios.road import prepare

    fixtures = Path(__file__).resolve().parent / "scenarios" / "fixtures"
    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(fixtures / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text("name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 2\n"
                                     "horizon: 4w\n", encoding="utf-8")
    plan = prepare(read_any([tmp_path / "s.yaml"]))
    events: list[Any] = []
    executor = _Counting()

    @contextlib.contextmanager
    def started(**options: Any) -> Any:
        events.append(("cluster", options["dask"]))
        yield executor

    monkeypatch.delitem(sys.modules, "matplotlib", raising=False)  # as in a fresh process
    monkeypatch.setattr(workers, "report_inherited", lambda: events.append("matplotlib"))
    monkeypatch.setattr(scenarios.executors, "executor_for", started)
    with workers.Pool() as pool, executor:
        first, units, _cached = workers.travel(plan, workers=2, dask="local", cache=None, show_bar=False,
                                               kept="", pool=pool)
        again, _units, _cached = workers.travel(plan, workers=2, dask="local", cache=None, show_bar=False,
                                                kept="", pool=pool)
    assert events == ["matplotlib", ("cluster", "local")]
    assert pool.inherited
    assert warm_up not in executor.calls and len(executor.calls) >= 2  # the units' chunks only, both plans
    assert units == 2 and repr(first) == repr(again) and not first.failures  # repr: NaN figures
