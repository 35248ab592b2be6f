"""Work units on an executor: in chunks, the largest first, stoppable.

A work unit (one replication of one municipal year) costs tens of milliseconds,
so sending each unit to a worker on its own spends a good share of that on
pickling its texts and on the executor's bookkeeping. :func:`run_units` sends
*chunks* instead: several replications of one scenario point in one task, so
the point's BPMN and profile travel once per chunk, and a worker parses and
compiles them once (the caches of :mod:`scenarios.execute` and the engine).
Chunks go out in decreasing estimated cost (:func:`scenarios.execute.unit_cost`),
each scenario's first sweep point before the other points (what a report draws from
first), so the last ones to finish are small and the workers finish together.
With ``ahead``, only that many chunks are with the executor at a time and the next goes
out as one comes back: other work submitted meanwhile (a report's plots, once their
points are done) waits behind those few chunks, not behind the whole run.

Outcomes come back in plan order whatever order the chunks finished in, and a
unit's outcome does not depend on its chunk, so the results are the same for
any executor, number of workers and chunk size. A unit that raised is a
:class:`simulator.runner.Failure` in its place; the others complete.

A run can be stopped from another thread with a :class:`Stop`: chunks not yet
started are dropped and :func:`run_units` raises :class:`Cancelled` at once
(chunks already running finish in their worker and are thrown away).
"""

from __future__ import annotations

import math
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from processes.frozenclass import frozen_dataclass
from scenarios.execute import UnitId
from simulator.runner import Failure, Job, ResultCache, cached_results, run_replications

if TYPE_CHECKING:  # concurrent.futures (with logging) loads only where an executor or a Stop is made
    from concurrent.futures import Executor, Future

__all__ = ["Cancelled", "Stop", "Chunk", "run_chunk", "unpack", "chunks_of", "finer_tail", "run_units", "warm_worker", "MAX_CHUNK"]

#: most replications in one chunk: a stopped run waits at most for one chunk per worker
MAX_CHUNK = 8


class Cancelled(Exception):
    """The run was stopped (:meth:`Stop.set`) before all its work units finished."""


class Stop:
    """A flag another thread sets to stop a run (a second click on "run")."""

    def __init__(self) -> None:
        from concurrent.futures import Future

        self._lock = threading.Lock()
        self._wake: Future[None] = Future()

    def set(self) -> None:
        """Stop the run: no new chunk starts, the run raises :class:`Cancelled`."""
        with self._lock:
            if not self._wake.done():
                self._wake.set_result(None)

    def is_set(self) -> bool:
        """True once :meth:`set` was called."""
        return self._wake.done()

    @property
    def future(self) -> Future[None]:
        """Done when the run is to stop (waited on beside the work)."""
        return self._wake


@frozen_dataclass
class Chunk:
    """Several jobs' payloads for one task: sent and run together, outcomes in this order."""

    task: Callable[[Any], Any]
    payloads: tuple[Any, ...]


def run_chunk(chunk: Chunk) -> bytes:
    """Run a chunk's payloads one after the other (in a worker); a unit that raises is a Failure.

    The outcomes come back pickled (:func:`unpack`): one ``bytes`` object travels as it is, while
    Dask handles a result of thousands of case rows object by object (measured with 60 chunks of
    600 rows on a local cluster: 4.0 CPU s in all against 1.4 packed; the process pool pickles
    either at the same cost)."""
    return pickle.dumps(tuple(run_replications([Job("", chunk.task, payload) for payload in chunk.payloads])),
                        protocol=pickle.HIGHEST_PROTOCOL)


def unpack(packed: bytes) -> tuple[Any, ...]:
    """The outcomes :func:`run_chunk` packed."""
    outcomes: tuple[Any, ...] = pickle.loads(packed)
    return outcomes


def warm_worker() -> None:
    """Import the engine in a new worker, so its first unit does not pay for it."""
    import scenarios.execute  # noqa: F401 - the import is the point


def chunks_of(
    units: Sequence[UnitId], indexes: Sequence[int], *, size: int, cost: Callable[[int], float],
) -> list[list[int]]:
    """Job indexes (``indexes``, in plan order) in chunks of at most ``size`` units of one
    scenario point: every scenario's first point before the other points, and within each of
    the two the most costly chunk first (``cost(index)``: one unit's estimate); ties keep plan order."""
    by_point: dict[tuple[str, int], list[int]] = {}
    for index in indexes:
        by_point.setdefault((units[index].scenario, units[index].point), []).append(index)
    chunks = []
    for members in by_point.values():
        parts = math.ceil(len(members) / size)
        step = math.ceil(len(members) / parts)  # even parts: 20 units by 8 -> 7, 7, 6
        chunks += [members[i:i + step] for i in range(0, len(members), step)]
    order = sorted(range(len(chunks)), key=lambda c: (units[chunks[c][0]].point != 0,
                                                      -cost(chunks[c][0]) * len(chunks[c]), chunks[c][0]))
    return [chunks[c] for c in order]


def finer_tail(chunks: list[list[int]], workers: int) -> list[list[int]]:
    """``chunks`` with each of the last ``2 * workers`` halved (in order): the run's last tasks are
    small, so a worker that runs out of work waits for at most half a chunk of another."""
    cut = max(0, len(chunks) - 2 * max(1, workers))
    tail = []
    for part in chunks[cut:]:
        half = (len(part) + 1) // 2
        tail += [part[:half], part[half:]] if len(part) > 1 else [part]
    return chunks[:cut] + tail


def default_chunk(todo: int, workers: int, most: int = MAX_CHUNK) -> int:
    """Replications per chunk: about four chunks per worker, at most ``most``."""
    return max(1, min(most, math.ceil(todo / (4 * max(1, workers)))))


def run_units(
    units: Sequence[UnitId],
    jobs: Sequence[Job],
    *,
    executor: Executor | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
    cost: Callable[[int], float] = lambda _index: 1.0,
    chunk: int | None = None,
    workers: int = 2,
    stop: Stop | None = None,
    submitted: Callable[[], None] | None = None,
    arrived: Callable[[Sequence[int], Sequence[Any]], None] | None = None,
    split: int = 1,
    ahead: int | None = None,
    most: int = MAX_CHUNK,
) -> list[Any]:
    """Run ``jobs`` (``units[i]`` says where job ``i`` belongs) and return outcomes in job order.

    ``executor`` ``None``: here, one unit after the other
    (:func:`simulator.runner.run_replications`; ``split`` > 1: shared with forked helpers). ``cache``, ``progress``: as there.
    ``chunk``: replications per task (default :func:`default_chunk` for ``workers``, at most ``most``).
    ``stop``: raises :class:`Cancelled` as soon as it is set. ``submitted()``: called
    once every unit is on its way to a worker (the worker processes exist by then), so
    this process can do other work while it waits. ``arrived(indexes, outcomes)``: called as
    each chunk's outcomes come back from a worker (not for cached units, nor when running here).
    ``ahead``: at most this many chunks with the executor at a time (at least one per worker and
    one waiting; ``None``: all at once), so that work submitted meanwhile starts soon; then
    ``submitted()`` is called once the first of them are on their way.
    """
    if executor is None:
        if stop is not None and stop.is_set():
            raise Cancelled("stopped before it started")
        return run_replications(jobs, cache=cache, progress=progress, split=split)
    import traceback
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    results, todo = cached_results(jobs, cache, progress)
    size = chunk if chunk is not None else default_chunk(len(todo), workers, most)
    pending: dict[Future[Any], list[int]] = {}
    sends: list[tuple[Chunk, list[int]]] = []
    for part in finer_tail(chunks_of(units, todo, size=size, cost=cost), workers):
        tasks = {jobs[i].task for i in part}
        if len(tasks) == 1:
            sends.append((Chunk(jobs[part[0]].task, tuple(jobs[i].payload for i in part)), part))
        else:  # jobs of one point with different tasks: one chunk each
            sends += [(Chunk(jobs[i].task, (jobs[i].payload,)), [i]) for i in part]
    sends.reverse()  # popped from the end: the first chunk goes first
    waiting: set[Future[Any]] = set()

    def send(count: int) -> None:
        for _ in range(min(count, len(sends))):
            chunk_of, part = sends.pop()
            try:
                future = executor.submit(run_chunk, chunk_of)
            except Exception as err:  # noqa: BLE001 - a pool broken mid-run: this chunk fails as a lost worker's
                if not waiting and not pending:
                    raise  # no chunk went out yet: the executor cannot run any (as before windows)
                future = Future()
                future.set_exception(err)
            pending[future] = part
            waiting.add(future)

    send(len(sends) if ahead is None else max(ahead, workers + 1))
    if submitted is not None:
        submitted()
    try:
        while waiting:
            if stop is not None:
                done, _ = wait(waiting | {stop.future}, return_when=FIRST_COMPLETED)
                if stop.is_set():
                    raise Cancelled(f"stopped with {sum(len(pending[f]) for f in waiting) + sum(len(p) for _c, p in sends)}"
                                    " work units not finished")
            else:
                done, _ = wait(waiting, return_when=FIRST_COMPLETED)
            # the next chunks go out before ``arrived`` runs: what it does with a finished point
            # (a report's early plots, ~1-2 s in this process) must not leave a worker without work
            send(len(done))
            for future in done:
                waiting.discard(future)
                part = pending[future]
                try:
                    outcomes = unpack(future.result())
                except Exception as err:  # noqa: BLE001 - a lost worker fails its chunk only
                    lost = Failure(type(err).__name__, str(err), traceback.format_exc())
                    outcomes = (lost,) * len(part)
                for index, outcome in zip(part, outcomes, strict=True):
                    results[index] = outcome
                    if cache is not None and not isinstance(outcome, Failure):
                        cache.put(jobs[index].key, outcome)
                if progress is not None:  # counted as soon as stored: before ``arrived``'s plots
                    progress(len(part))
                if arrived is not None:
                    arrived(part, outcomes)
    finally:
        for future in waiting:
            future.cancel()
    return results
