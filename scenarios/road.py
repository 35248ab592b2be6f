"""The one road from a study to its results: every simulation permitflow runs takes it.

``permitflow run`` (scenario and study files), ``permitflow simulate`` (a
one-scenario study made from its options, :mod:`scenarios.options`) and any
program that asks what-if questions (a web app, an uncertainty run, a goal
seek) go the same way, so the same inputs and seed give byte-identical figures
whichever asks::

    from scenarios.loader import read_any
    from scenarios.road import prepare, execute

    plan = prepare(read_any(["scenarios/e-service.yaml"]))   # everything checked, nothing run
    batch = execute(plan)                                     # here; or executor=, cache=, progress=
    batch.points[0].summary.figures["helsingborg/submission_to_decision_mean_days"].mean

1. **load and resolve** — :mod:`scenarios.loader` / :mod:`scenarios.options` build
   :class:`scenarios.study.Study` objects: bases read, run settings resolved by one
   rule (:mod:`scenarios.settings`), overrides applied and profiles checked
   (:mod:`scenarios.overrides`), with file and line for every mistake;
2. **check** (:func:`prepare`) — every process and profile parsed once, profiles
   checked against their models (element ids at the line that wrote them) and
   for what the engine can run, baselines checked for common random numbers
   (:mod:`scenarios.checks`);
3. **plan** — one work unit per (scenario, sweep point, replication), each with a
   key that hashes its resolved inputs, seed and code version
   (:mod:`scenarios.execute`);
4. **run** (:func:`execute`) — on any ``concurrent.futures.Executor`` (``None``:
   here; a process pool or Dask: :mod:`scenarios.executors`), skipping units a
   cache holds and storing new ones, calling ``progress(n)`` as units finish;
5. **assemble** — figures with intervals and paired differences
   (:mod:`scenarios.batch`); a unit that failed is reported, the others complete.

Parsing is cached by content in each Python process (bases by file identity,
models and profiles by their text, compiled models and work calendars by the
parsed objects), so a warm process asking again does not read, parse or compile
what did not change. On an executor, units travel in chunks of several
replications of one point, the most costly first (:mod:`scenarios.schedule`).

**A warm session** (a web app, an uncertainty run): :class:`Session` keeps a pool
of worker processes alive between questions, so each answer pays only for its
simulations; the workers keep their caches too. ``session.run(study)`` answers
(the same figures as :func:`run_study`, byte for byte); ``session.cancel()``
from another thread stops every run in flight (a second click), or
``run(..., stop=Stop())`` and ``stop.set()`` stops one; a stopped run raises
:class:`Cancelled` at once::

    with Session(workers=2) as session:
        batch = session.run(study, progress=bar.update)

    # a web handler: one Stop per user, the newer click stops the older run
    stop = Stop(); previous[user].set(); previous[user] = stop
    try:
        batch = session.run(study, stop=stop)
    except Cancelled:
        ...  # a newer question replaced this one

A program builds a scenario without a file through the same function the loader uses
(a web form's levers are ``sets``):

>>> from scenarios.bases import library_base
>>> from scenarios.settings import Origin, resolve_settings
>>> from scenarios.study import Study, build_scenario
>>> form = Origin("web form")
>>> scenario = build_scenario(
...     name="officer-decides", question="", source="web form",
...     bases=[library_base("helsingborg", source="web form", line=None)],
...     settings=resolve_settings([({"replications": 2, "horizon": "10w", "warmup": "2w"}, form, {})]),
...     sets=[("decision.delegation", "officer", form)])
>>> batch = run_study(Study("what-if", "What if", "web form", (scenario,)))
>>> figure = batch.points[0].summary.figures["helsingborg/submission_to_decision_mean_days"]
>>> (figure.n, figure.low <= figure.mean <= figure.high)
(2, True)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from processes.frozenclass import frozen_dataclass
from processes.heapkeep import keep_heap
from scenarios.batch import Assembly, BatchResults, PointResults
from scenarios.checks import check_study, study_notes
from scenarios.execute import MemberText, UnitId, parsed_member, plan, point_inputs, unit_cost
from scenarios.schedule import MAX_CHUNK, Cancelled, Stop, run_units, warm_worker
from scenarios.study import Study
from simulator.runner import Job, ResultCache

if TYPE_CHECKING:
    from concurrent.futures import Executor, ProcessPoolExecutor

__all__ = ["Plan", "prepare", "execute", "run_study", "Refresh", "ReadOnce", "Session", "Stop", "Cancelled", "MAX_WORK_UNITS",
           "planned_units"]

#: work units a run may plan before it asks for ``--force`` (the bundled study plans about 1,000)
MAX_WORK_UNITS = 5_000


def planned_units(study: Study) -> int:
    """The work units ``study`` will run (sweep points x replications over its scenarios), counted
    before anything is planned or parsed."""
    return sum(len(scenario.points) * scenario.replications for scenario in study.scenarios)


@frozen_dataclass
class Plan:
    """A checked study and its work units, in a fixed order."""

    study: Study
    units: tuple[UnitId, ...]
    jobs: tuple[Job, ...]
    #: what the profiles let run but likely do not mean, one line each (``file:line: path: message``)
    warnings: tuple[str, ...] = ()
    #: what the runs simulate in place of what a model does not hold, one line each (``file:line: message``)
    notes: tuple[str, ...] = ()

    def cached(self, cache: ResultCache | None) -> int:
        """How many of the work units ``cache`` already holds."""
        return 0 if cache is None else sum(1 for job in self.jobs if cache.get(job.key) is not None)

    def cost(self) -> float:
        """The estimated work of all the work units (:func:`scenarios.execute.unit_cost`, summed)."""
        return sum(unit_cost(job.payload) for job in self.jobs)


def prepare(study: Study, *, version: str | None = None, case_rows: bool = True) -> Plan:
    """Check ``study`` completely and plan its work units; nothing runs yet.

    Raises :class:`processes.errors.InputError` (file, line, path) for a profile
    entry naming what its process lacks, an element the engine cannot run (at the profile's
    line of the first one named) or a baseline that cannot be paired. The plan keeps the
    warnings of :func:`scenarios.checks.check_study` (nothing refused, one line each) and the notes of
    :func:`scenarios.checks.study_notes` (an empty subprocess run as one step of work).
    ``version`` replaces the code version in the units' keys (tests). ``case_rows=False``: the
    results carry no case rows (``PointResults.cases`` is empty; for a caller that reads only
    the figures and event logs, such as ``permitflow simulate``): the same figures, made faster.
    """
    inputs: dict[tuple[str, int], tuple[MemberText, ...]] = {}
    parsed = {}
    for scenario in study.scenarios:
        for p, point in enumerate(scenario.points):
            inputs[(scenario.name, p)] = texts = point_inputs(point)
            for text in texts:
                process, params, _fee = parsed_member(text)
                parsed[(scenario.name, p, text[0])] = (process, params)
    warnings = check_study(study, parsed)
    notes = study_notes(study, parsed)
    planned = plan(study, version=version, inputs=inputs, case_rows=case_rows)
    return Plan(study, tuple(u for u, _ in planned), tuple(j for _, j in planned), warnings, notes)


def execute(
    plan: Plan,
    *,
    executor: Executor | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    chunk: int | None = None,
    stop: Stop | None = None,
    submitted: Callable[[], None] | None = None,
    split: int = 1,
    point_done: Callable[[PointResults], None] | None = None,
    point_compared: Callable[[PointResults], None] | None = None,
    ahead: int | None = None,
    most: int = MAX_CHUNK,
) -> BatchResults:
    """Run ``plan``'s work units and put the results together.

    ``executor``: where to run (``None``: here). ``cache``: units found there are
    not run again; new results are stored as they finish, so an interrupted run
    resumes where it stopped. ``progress(n)``: ``n`` more units finished
    (cached ones included). ``workers`` (the executor's, default the cores) and
    ``chunk`` (replications per task; default about four chunks per worker, at most ``most``) only
    shape the schedule, never the results.
    ``stop``: :class:`Cancelled` as soon as it is set. ``submitted()``: called once
    every unit is on its way to a worker (not when running here). ``split``: with no executor,
    the units are shared with ``split - 1`` forked helpers (:func:`scenarios.executors.fork_split`
    says when that pays); the same results. ``point_done(point)``: each scenario point summarised
    while other units still run (:class:`scenarios.batch.Assembly`); with it, only two chunks per
    worker are with the executor at a time, so work the caller submits meanwhile starts soon.
    ``point_compared(point)``: each point summarised while other units still run, with its comparison,
    once its baseline point is summarised too (:class:`scenarios.batch.Assembly`'s ``compared``).
    ``ahead``: at most that many chunks with the executor at a time (at least one per worker and
    one waiting), whatever ``point_done``: for an executor shared with other callers, whose work
    then waits behind a few of this run's chunks, not behind all of them (``permitflow serve``).
    """
    costs = [unit_cost(job.payload) for job in plan.jobs]
    # a point is summarised as soon as its last unit is back, while the workers run the others
    assembly = Assembly(plan.study, plan.units, done=point_done, compared=point_compared)
    count = workers or os.cpu_count() or 1
    outcomes = run_units(plan.units, plan.jobs, executor=executor, cache=cache, progress=progress,
                         cost=costs.__getitem__, chunk=chunk, workers=count, stop=stop,
                         submitted=submitted, arrived=assembly.arrived, split=split,
                         ahead=ahead if ahead is not None else 2 * count if point_done is not None else None,
                         most=most)
    return assembly.finish(outcomes)


def run_study(study: Study, **options: Any) -> BatchResults:
    """:func:`prepare` and :func:`execute` in one call (``options`` go to :func:`execute`)."""
    return execute(prepare(study), **options)


class Refresh:
    """A cache that is written but not read: every unit is computed again and stored anew."""

    def __init__(self, cache: ResultCache) -> None:
        self.cache = cache

    def get(self, key: str) -> Any | None:
        """Nothing is found: recompute."""
        return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` in the wrapped cache."""
        self.cache.put(key, value)


class ReadOnce:
    """``cache`` read once per entry: :meth:`count` keeps what it finds and :meth:`get` hands that
    out without reading and checking the file again (a run counts what its cache holds before it
    runs, then takes it; the entries of a run with event logs are large)."""

    def __init__(self, cache: ResultCache) -> None:
        self.cache = cache
        self.found: dict[str, Any] = {}
        self.held = 0  # entries found so far: kept by an earlier run, whatever happens now
        # entries this run stored: a chunk's are stored one by one before it is counted as finished, so a run
        # stopped among them has kept more than it counted (found by QA, qabatch: "16 of 160 finished", 23
        # kept)
        self.stored = 0

    def count(self, jobs: Sequence[Job]) -> int:
        """How many of ``jobs`` the cache holds (their results kept for :meth:`get`)."""
        for job in jobs:
            value = self.cache.get(job.key)
            if value is not None:
                self.found[job.key] = value
                self.held += 1
        return self.held

    def get(self, key: str) -> Any | None:
        """What :meth:`count` found for ``key`` (once), else the wrapped cache's entry."""
        value = self.found.pop(key, None)
        return self.cache.get(key) if value is None else value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` in the wrapped cache."""
        self.cache.put(key, value)
        self.stored += 1


def session_worker(run: int) -> None:
    """A :class:`Session` worker's initializer: it ends when the process that holds the session
    (``run``) dies, even by SIGKILL (:func:`scenarios.executors.watch_parent`, by its watchdog: the
    workers are forked by whichever thread asked first, which may end before the session), and
    imports the engine (:func:`scenarios.schedule.warm_worker`)."""
    from scenarios.executors import watch_parent

    watch_parent(run, death_signal=False)
    warm_worker()


class Session:
    """A warm process for many questions: a pool of ``workers`` processes kept alive.

    ``workers`` defaults to the cores; 1 runs every unit here. The workers are
    started at once and keep their caches of parsed and compiled models between
    runs. ``start_method``: how (``multiprocessing``'s ``fork``, ``spawn``,
    ``forkserver``; default the platform's); with ``spawn`` or ``forkserver`` the
    main module must guard its code with ``if __name__ == "__main__":``. Runs may come from several
    threads at once; they share the workers. A worker that dies fails the units it
    held and the pool is replaced for the next run. Close the session (or use it
    as a context manager) to stop the workers.
    """

    def __init__(self, workers: int | None = None, *, cache: ResultCache | None = None,
                 chunk: int | None = None, start_method: str | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.start_method = start_method
        self.cache = cache
        self.chunk = chunk
        self._lock = threading.Lock()
        self._stops: set[Stop] = set()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        if self.workers > 1:
            self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # multiprocessing only here: a command that runs its few units in this process does not import it
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        keep_heap()  # before the workers fork (processes.heapkeep)
        pool = ProcessPoolExecutor(self.workers, mp_context=get_context(self.start_method),
                                   initializer=session_worker, initargs=(os.getpid(),))
        for _ in range(self.workers):  # one task each starts every worker now, not at the first question
            pool.submit(warm_worker)
        return pool

    def _executor(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._closed:
                raise RuntimeError("this Session is closed")
            if self._pool is not None and getattr(self._pool, "_broken", False):
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            return self._pool

    def run(self, study: Study | Plan, *, progress: Callable[[int], None] | None = None,
            stop: Stop | None = None) -> BatchResults:
        """Answer ``study`` (or an already prepared :class:`Plan`): the same results as
        :func:`run_study`. Raises :class:`Cancelled` when ``stop`` is set or
        :meth:`cancel` is called before it finishes (with one worker the units run in the
        calling thread, and only a stop set before they start counts); input errors as
        :func:`prepare`."""
        from concurrent.futures.process import BrokenProcessPool

        stop = stop if stop is not None else Stop()
        with self._lock:
            self._stops.add(stop)
        try:
            ready = study if isinstance(study, Plan) else prepare(study)
            try:
                return execute(ready, executor=self._executor(), cache=self.cache, progress=progress,
                               workers=self.workers, chunk=self.chunk, stop=stop)
            except BrokenProcessPool:  # the pool broke between the check and the submission: once more
                return execute(ready, executor=self._executor(), cache=self.cache, progress=progress,
                               workers=self.workers, chunk=self.chunk, stop=stop)
        finally:
            with self._lock:
                self._stops.discard(stop)

    def cancel(self) -> int:
        """Stop every run in flight (each raises :class:`Cancelled`); how many were stopped."""
        with self._lock:
            stops = list(self._stops)
        for stop in stops:
            stop.set()
        return len(stops)

    def close(self) -> None:
        """Stop the runs in flight and the workers."""
        self.cancel()
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
