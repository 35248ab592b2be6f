"""Replications and sweeps over a ``concurrent.futures.Executor`` (local processes or Dask).

A batch is a list of :class:`Job`: a picklable module-level function and its
argument. :func:`run_replications` hands them to any executor (a
``ProcessPoolExecutor``, a Dask ``Client.get_executor()``, or none: in this
process), and returns the results in the order of the jobs, whatever order the
workers finished in. A job that raises does not stop the batch: its place holds a
:class:`Failure`. A cache (anything with ``get(key)`` / ``put(key, value)``) skips
jobs already done in an earlier run.

Common random numbers: :func:`replication_seeds` gives replication ``i`` the
``i``-th child of ``SeedSequence(seed)``; every scenario run with the same seed
uses the same streams in replication ``i``, so differences are paired.

>>> [s.spawn_key for s in replication_seeds(7, 3)]
[(0,), (1,), (2,)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from processes.frozenclass import frozen_dataclass
from processes.model import Process
from processes.params import SimParams
from simulator.engine import simulate
from simulator.records import SimResult

if TYPE_CHECKING:  # concurrent.futures (with logging) loads only where an executor is given
    from concurrent.futures import Executor, Future

__all__ = [
    "replicate",
    "Job",
    "Failure",
    "ResultCache",
    "replication_seeds",
    "run_replications",
    "cached_results",
]


@frozen_dataclass
class Job:
    """One unit of work: ``task(payload)``, identified by ``key`` for the cache.

    ``task`` must be a module-level function and ``payload`` picklable, so that
    the job can travel to another process or a Dask worker.
    """

    key: str
    task: Callable[[Any], Any]
    payload: Any


@frozen_dataclass
class Failure:
    """The outcome of a job that raised: the error type, its one-line message and
    the traceback text (for ``--debug``)."""

    kind: str
    message: str
    detail: str = ""


class ResultCache(Protocol):
    """Where finished jobs are kept between runs."""

    def get(self, key: str) -> Any | None:
        """The stored result for ``key``, or ``None``."""

    def put(self, key: str, value: Any) -> None:
        """Store a finished result."""


def replication_seeds(seed: int, replications: int) -> tuple[np.random.SeedSequence, ...]:
    """The seed of each replication: the children of ``SeedSequence(seed)``.

    Replication ``i`` gets the same child in every scenario (common random numbers).
    """
    if replications < 1:
        raise ValueError(f"replications must be at least 1, not {replications}")
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer, not {seed}")
    return tuple(np.random.SeedSequence(seed).spawn(replications))


def replicate(process: Process, params: SimParams, *, replications: int, seed: int, cases: int | None = None,
              keep_records: bool = False) -> list[SimResult]:
    """Simulate one process ``replications`` times, here, one after the other: replication
    ``i`` is seeded with :func:`replication_seeds` ``(seed, replications)[i]``.

    A helper for checks of the engine (tests, benchmarks). Scenarios go through
    :mod:`scenarios.road`, which also derives each process's root from its name.
    """
    return [simulate(process, params, seed=child, cases=cases, keep_records=keep_records)
            for child in replication_seeds(seed, replications)]


def _guarded(task: Callable[[Any], Any], payload: Any) -> Any:
    """Run one job in a worker; an exception becomes a :class:`Failure`."""
    try:
        return task(payload)
    except Exception as err:  # noqa: BLE001 - one failing job must not stop the batch
        import traceback

        return Failure(type(err).__name__, str(err), traceback.format_exc())


def cached_results(jobs: Sequence[Job], cache: ResultCache | None,
                   progress: Callable[[int], None] | None) -> tuple[list[Any], list[int]]:
    """(results in job order with what ``cache`` holds filled in, indices of the jobs still to run);
    ``progress`` is told how many were found."""
    results: list[Any] = [None] * len(jobs)
    todo: list[int] = []
    for index, job in enumerate(jobs):
        found = cache.get(job.key) if cache is not None else None
        if found is None:
            todo.append(index)
        else:
            results[index] = found
    if progress is not None and len(todo) < len(jobs):
        progress(len(jobs) - len(todo))
    return results, todo


def run_replications(
    jobs: Sequence[Job],
    *,
    executor: Executor | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
    split: int = 1,
) -> list[Any]:
    """Run ``jobs`` and return their results in job order.

    ``executor``: where to run (``None``: here, one after the other; with ``split`` > 1 shared
    with ``split - 1`` forked helpers, :func:`processes.forkshare.run_shared`, where forking is
    safe: the same results, each helper's arriving when its share is done).
    ``cache``: results found there are not recomputed; new successful results
    are stored as they arrive, so an interrupted batch resumes where it stopped.
    ``progress(n)`` is called with the number of jobs just finished (cached
    ones included). A job that raised yields a :class:`Failure` in its place.
    """
    results, todo = cached_results(jobs, cache, progress)

    def finish(index: int, value: Any) -> None:
        results[index] = value
        if cache is not None and not isinstance(value, Failure):
            cache.put(jobs[index].key, value)
        if progress is not None:
            progress(1)

    if executor is None:
        if split > 1 and len(todo) > 2:
            from processes.forkshare import run_shared

            # the first job here, before the fork: what it leaves in this process's caches (a
            # calendar's working intervals, extended as far as a replication reaches) the helpers
            # inherit instead of each computing it again; of the rest this process takes the
            # last (never longer) share
            finish(todo[0], _guarded(jobs[todo[0]].task, jobs[todo[0]].payload))
            rest = todo[1:]
            shared = run_shared(rest, lambda i: _guarded(jobs[i].task, jobs[i].payload), split, last_here=True)
            for index, value in zip(rest, shared, strict=True):
                finish(index, value)
            return results
        for index in todo:
            finish(index, _guarded(jobs[index].task, jobs[index].payload))
        return results

    import traceback
    from concurrent.futures import as_completed

    pending: dict[Future[Any], int] = {
        executor.submit(_guarded, jobs[index].task, jobs[index].payload): index for index in todo
    }
    for future in as_completed(pending):
        index = pending[future]
        try:
            value = future.result()
        except Exception as err:  # noqa: BLE001 - a lost worker fails its job only
            value = Failure(type(err).__name__, str(err), traceback.format_exc())
        finish(index, value)
    return results
