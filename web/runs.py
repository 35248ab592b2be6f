"""Runs of the what-if page: one process pool kept alive across requests, progress and cancel.

:class:`Runs` checks and plans a study on the one road (:func:`scenarios.road.prepare`),
then runs it (:func:`scenarios.road.execute`) in a background thread on a
shared ``ProcessPoolExecutor``, so a warm worker does not parse the library
again. Each run counts its finished work units for the progress bar; cancelling
a run cancels its queued work units (a unit already running finishes, its
result is dropped). A run keeps only a few chunks on the pool at a time (one per worker and one
waiting), so runs of several pages take turns on the workers. Results are the same whatever the pool
size (:func:`simulator.runner.run_replications` returns them in job order).

A finished run is kept for its report download by its size, not by count: its answer and its
results (and a "how sure" run's uncertainty document, which its report shows), compressed (zlib; about a sixth of what they take as objects), within a byte budget
(``keep``, :data:`KEEP_BYTES` by default); the runs finished longest ago are forgotten first, a
running run never.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import secrets
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from scenarios.batch import BatchResults
from scenarios.executors import watch_parent
from scenarios.road import execute, prepare
from scenarios.study import Study

__all__ = ["Run", "Runs", "KEEP_BYTES", "RECORD_BYTES"]

#: the bytes of finished runs kept for their report download by default (running runs are always kept)
KEEP_BYTES = 32 * 1024 * 1024
#: what a run's record costs besides its stored answer and results (its id, counters, lock),
#: counted so that runs which keep nothing (cancelled, failed) are bounded by the budget too
RECORD_BYTES = 2048


@dataclass
class Run:
    """One run: its progress, and when finished its batch or the reason it stopped."""

    id: str
    total: int
    done: int = 0
    state: str = "running"  # running, done, cancelled, failed
    error: str = ""
    futures: list[Future[Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: the answer (JSON) and the batch (pickle), each compressed; empty until the run is done
    stored_answer: bytes = b""
    stored_batch: bytes = b""
    #: the uncertainty document (JSON, compressed) of a run asked "how sure", for its report
    stored_uncertainty: bytes = b""

    @property
    def size(self) -> int:
        """The bytes this run keeps (its record and its stored answer and results)."""
        return RECORD_BYTES + len(self.stored_answer) + len(self.stored_batch) + len(self.stored_uncertainty)

    @property
    def extra(self) -> dict[str, Any]:
        """The page's answer (empty until done)."""
        return json.loads(zlib.decompress(self.stored_answer)) if self.stored_answer else {}

    @property
    def uncertainty(self) -> dict[str, Any] | None:
        """The uncertainty document of a run asked "how sure" (``None``: not asked), for its report."""
        return json.loads(zlib.decompress(self.stored_uncertainty)) if self.stored_uncertainty else None

    @property
    def batch(self) -> BatchResults | None:
        """The finished run's batch, for its report (``None``: none, e.g. a goal seek)."""
        return pickle.loads(zlib.decompress(self.stored_batch)) if self.stored_batch else None  # noqa: S301 - our own

    def advance(self, n: int) -> None:
        """``n`` more work units finished."""
        with self.lock:
            self.done += n

    def cancel(self) -> None:
        """Drop the queued work units; the run ends as ``cancelled``."""
        with self.lock:
            if self.state == "running":
                self.state = "cancelled"
            futures = list(self.futures)
        for future in futures:
            future.cancel()


class _Tracked(Executor):
    """The shared pool, remembering each submitted unit so that its run can cancel it."""

    def __init__(self, pool: Executor, run: Run) -> None:
        self.pool = pool
        self.run = run

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = self.pool.submit(fn, *args, **kwargs)
        with self.run.lock:
            self.run.futures.append(future)
            cancelled = self.run.state == "cancelled"
        if cancelled:
            future.cancel()
        return future


class Runs:
    """The runs of one server and the process pool they share (``workers``: all cores by default;
    ``0``: run in the request's thread, for tests; ``keep``: the bytes of finished runs kept)."""

    def __init__(self, workers: int | None = None, keep: int = KEEP_BYTES) -> None:
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.keep = keep
        self._pool: Executor | None = None
        self._runs: OrderedDict[str, Run] = OrderedDict()
        self._lock = threading.Lock()

    def _executor(self) -> Executor | None:
        with self._lock:
            if self._pool is None and self.workers > 0:
                # workers start from a clean process (forkserver), not as forks of this threaded server:
                # a fork would copy its locks mid-use and keep its open pipes and sockets alive
                method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
                # a worker ends when the server dies, even by SIGKILL (its parent, the fork server,
                # lives as long as the pool: the parent-death signal holds)
                self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                                 mp_context=multiprocessing.get_context(method),
                                                 initializer=watch_parent, initargs=(os.getpid(),))
            return self._pool

    def start(self, study: Study, finish: Callable[[BatchResults], dict[str, Any]], *, uncertainty: int = 0,
              names: dict[str, str] | None = None) -> Run:
        """Check and plan ``study`` here (errors raise at once), then run it in the background;
        ``finish(batch)`` makes the page's answer when it is done. ``uncertainty``: also run the
        study at that many assumption points (:mod:`scenarios.uncertainty`, the same seed) and add
        ``how_sure`` to the answer (``names``: process -> display name)."""
        plan = prepare(study)
        # a few chunks of a run at a time on the shared pool: a what-if asked meanwhile by another
        # page waits behind those, not behind every unit of a long run
        workers, ahead = max(1, self.workers), self.workers + 1

        def task(run: Run, executor: Executor | None) -> tuple[BatchResults | None, dict[str, Any]]:
            batch = execute(plan, executor=executor, progress=run.advance, workers=workers, ahead=ahead)
            if run.state == "cancelled":
                return batch, {}
            answer = finish(batch)
            if uncertainty:
                from scenarios.uncertainty import run_uncertainty
                from web.answer import how_sure

                doc = run_uncertainty(study, points=uncertainty, seed=study.scenarios[0].seed, executor=executor,
                                      progress=run.advance, nominal=batch, workers=workers,
                                      ahead=ahead)
                answer["how_sure"] = how_sure(doc, names or {})
                # kept for the report, which says the answers were checked against the ranges (it said not)
                stored = zlib.compress(json.dumps(doc, ensure_ascii=False).encode(), 1)
                with run.lock:
                    run.stored_uncertainty = stored
            return batch, answer

        return self.start_task(len(plan.jobs) * (1 + uncertainty), task)

    def start_task(self, total: int,
                   task: Callable[[Run, Executor | None], tuple[BatchResults | None, dict[str, Any]]]) -> Run:
        """Run ``task(run, executor)`` in the background on the shared pool (``total``: work units
        expected, for the progress bar); it returns (batch or ``None``, the page's answer)."""
        run = Run(secrets.token_urlsafe(12), total)
        with self._lock:
            self._runs[run.id] = run
            self._trim(run)
        pool = self._executor()

        def work() -> None:
            try:
                batch, answer = task(run, _Tracked(pool, run) if pool is not None else None)
                # compressed before the run is done: the page reads the answer from what is kept
                stored = _store(batch, answer)
            except Exception as err:  # noqa: BLE001 - a run that breaks is reported on the page, the server goes on
                with run.lock:
                    if run.state == "running":
                        run.state, run.error = "failed", str(err)
                    run.futures.clear()
                return
            with run.lock:
                if run.state == "running":
                    run.stored_batch, run.stored_answer = stored
                    run.state = "done"
                run.futures.clear()
            with self._lock:
                if run.id in self._runs:
                    self._runs.move_to_end(run.id)  # the order runs finished in: the oldest are forgotten first
                    self._trim(run)

        if pool is None:
            work()
        else:
            threading.Thread(target=work, name=f"run-{run.id}", daemon=True).start()
        return run

    def _trim(self, newest: Run) -> None:
        """Forget the finished runs that finished longest ago until what is kept fits the budget;
        a running run is kept (it can still be polled and cancelled), and so is ``newest`` (its
        page has yet to read its answer). Called with the lock held."""
        total = sum(r.size for r in self._runs.values())
        for old in [r for r in self._runs.values() if r.state != "running" and r is not newest]:
            if total <= self.keep:
                break
            total -= old.size
            del self._runs[old.id]

    def kept(self) -> tuple[int, int]:
        """How many runs are kept, and their bytes (as counted against the budget)."""
        with self._lock:
            return len(self._runs), sum(r.size for r in self._runs.values())

    def get(self, run_id: str) -> Run | None:
        """The run ``run_id`` (``None``: unknown or forgotten)."""
        with self._lock:
            return self._runs.get(run_id)

    def close(self) -> None:
        """Cancel every run and stop the pool."""
        with self._lock:
            runs, pool, self._pool = list(self._runs.values()), self._pool, None
        for run in runs:
            run.cancel()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _store(batch: BatchResults | None, answer: dict[str, Any]) -> tuple[bytes, bytes]:
    """A finished run's batch (pickled) and answer (JSON), compressed; what a later request reads
    back is equal to them (JSON gives lists for tuples and strings for keys, which the page's
    JSON would say anyway)."""
    stored = b"" if batch is None else zlib.compress(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return stored, zlib.compress(json.dumps(answer, ensure_ascii=False).encode(), 1)
