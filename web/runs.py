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
results (and a "how sure" run's uncertainty document, which its report shows), compressed (zlib; about a sixth of what they take as objects),
and its answer's diagrams (gzip, each sent on its own address, :data:`DIAGRAM_URL`, not inside the answer), within a byte budget
(``keep``, :data:`KEEP_BYTES` by default); the runs finished longest ago are forgotten first, a
running run never.

A large run (``separate``: the app asks it for a "how sure" run, a goal seek and a run of an
uploaded model) runs in a process of its own, started for it (from the fork server) with a pool of
``workers`` forked from it, which ends with the run: the memory its peak takes is given back to
the system when it ends, not kept by the server for weeks (a Python process seldom returns the
heap it grew: 130 -> 240 MB after one "how sure" run, and it stayed there). It is checked and
planned there, its refusal raised here at once (as when planned here); it sends back its progress
and its compressed answer and results, the same bytes as in the server; cancelling it ends its
process and its workers. Two such runs at once each have their own pool: they share the cores by
the system's scheduling, not by turns on the shared pool.

A run's record and what it stores are :mod:`web.runrecord`'s; what runs in the processes started for
runs and calls is :mod:`web.runprocess`'s.
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from processes.errors import PermitflowError
from scenarios.batch import BatchResults
from scenarios.executors import watch_parent
from scenarios.study import Study
from web.checkserver import IDLE_SECONDS as CHECKS_IDLE_SECONDS
from web.checkserver import SUPPORTED as CHECKS_SERVER_SUPPORTED
from web.checkserver import ChecksServer
from web.requestlog import LOG, short_id
from web.runprocess import StudyTask, call_in_process, run_in_process
from web.runrecord import DIAGRAM_URL, FILES, RECORD_BYTES, Run, Stored, store

__all__ = ["Runs", "RunFailed", "CallTimedOut", "CallStopped", "RunsBusy", "KEEP_BYTES", "LARGE_RUNS",
           "MOST_RUNS", "CHECKS_IDLE_SECONDS",
           # where the app and the tests import them from (web.runrecord and web.runprocess hold them since the
           # module was split)
           "Run", "StudyTask", "RECORD_BYTES", "DIAGRAM_URL", "FILES"]

#: the bytes of finished runs kept for their report download by default (running runs are always kept)
KEEP_BYTES = 32 * 1024 * 1024
#: the large runs (each in a process of its own with a pool of its own) running at once by default: each takes
#: its own memory (a "how sure" run of six municipalities about 270 MB with its two workers), so eight pages
#: asking at once took the server's processes to 2.4 GB (QA serve); more at once would only share the same cores
LARGE_RUNS = 4
#: the runs of any kind running at once by default: each holds a thread, its plan and its turns on the pool, so two
#: hundred what-ifs sent at once took the server from 109 to 263 MB in 223 threads, and a what-if asked after them
#: waited 134 s for its turns among theirs (QA serve)
MOST_RUNS = 32


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
    ``0``: run in the request's thread, for tests; ``keep``: the bytes of finished runs kept; ``check_idle``:
    the seconds without a check after which the checks' fork server stops, :mod:`web.checkserver`)."""

    def __init__(self, workers: int | None = None, keep: int = KEEP_BYTES, preload: tuple[str, ...] = (),
                 large: int = LARGE_RUNS, most: int = MOST_RUNS, check_preload: tuple[str, ...] = (),
                 check_idle: float = CHECKS_IDLE_SECONDS) -> None:
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.keep = keep
        #: the runs at most at once, and those in a process of their own (:class:`RunsBusy` beyond); and the runs
        #: of each starting now
        self.most, self.large = most, large
        self._starting = self._large_starting = 0
        #: modules the fork server imports once, so that a process started from it (a call apart, a pool
        #: worker) does not import them again (an upload's check imported web.whatif each time: about 0.4 s)
        self.preload = preload
        #: modules only some calls apart need (a case log's calibration): preloaded, with :attr:`preload`, by
        #: a fork server of their own, started by the first such call (:mod:`web.checkserver`), not by the one
        #: the pool's workers start from, which would carry them for every run; stopped after ``check_idle``
        #: seconds without such a call, started again by the next
        self.check_preload = check_preload
        self.checks = ChecksServer((*preload, *check_preload), check_idle)
        self._pool: Executor | None = None
        self._runs: OrderedDict[str, Run] = OrderedDict()
        self._lock = threading.Lock()
        #: the processes of :meth:`call_apart` running now, and whether the server is stopping (:meth:`stop_calls`)
        self._calls: set[Any] = set()
        self._stopping = False
        #: when each run not yet said in the log started (:meth:`_said`)
        self._started: dict[str, float] = {}

    def _executor(self) -> Executor | None:
        with self._lock:
            if self._pool is None and self.workers > 0:
                # a worker ends when the server dies, even by SIGKILL (its parent, the fork server,
                # lives as long as the pool: the parent-death signal holds)
                self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                                 mp_context=self._context(),
                                                 initializer=watch_parent, initargs=(os.getpid(),))
            return self._pool

    def _context(self) -> Any:
        # workers start from a clean process (forkserver), not as forks of this threaded server:
        # a fork would copy its locks mid-use and keep its open pipes and sockets alive
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver" and self.preload:
            # only modules: CPython (3.11 to 3.13) never applies a "__main__" preload (the fork server is
            # given the main script's path under a key it then drops), so each process it starts runs the
            # main script again; the modules that script imports (cli, for the console script) are preloaded
            # instead, and running it again is then a look-up in sys.modules (counts only before it starts)
            context.set_forkserver_preload(list(self.preload))
        return context

    def start(self, study: Study, finish: Callable[[BatchResults], dict[str, Any]], *, uncertainty: int = 0,
              names: dict[str, dict[str, str]] | None = None, separate: bool = False) -> Run:
        """Check and plan ``study`` here (errors raise at once), then run it in the background;
        ``finish(batch)`` makes the page's answer when it is done. ``uncertainty``: also run the
        study at that many assumption points (:mod:`scenarios.uncertainty`, the same seed) and add
        ``how_sure`` to the answer (``names``: process -> its name per language). ``separate``: in a process
        of its own (the module doc; ``finish`` then pickles: a module's function or a partial of one)."""
        # a few chunks of a run at a time on the shared pool: a what-if asked meanwhile by another
        # page waits behind those, not behind every unit of a long run
        task = StudyTask(study, None, finish, uncertainty, names or {}, max(1, self.workers), self.workers + 1)
        if separate and self._apart_ok():
            return self.start_task(0, task, separate=True)  # planned in its process, which says the total
        total = task.prepare()
        return self.start_task(total, task)

    def call_apart(self, fn: Callable[..., Any], /, *args: Any, seconds: float | None = None,
                   checks_server: bool = False) -> Any:
        """``fn(*args)`` in a process of its own, started for it and ended when it returns (``workers``
        0: here), so that what it takes on the way (an upload's parse) is not kept by the server; its
        result, or the error it raised (bad input: its message as raised). ``fn`` and ``args`` must pickle.
        ``seconds``: its process is ended after that long without an answer, and :class:`CallTimedOut`
        raised (not when run here). ``checks_server``: started from the fork server that also preloads
        :attr:`check_preload` (:mod:`web.checkserver`; where there is a fork server)."""
        if self.workers <= 0:
            return fn(*args)
        ctx = self._context()
        receive, send = ctx.Pipe(duplex=False)
        call: dict[str, Any] = {"target": call_in_process, "args": (fn, args, send, os.getpid()),
                                "name": "permitflow-check", "daemon": True}
        if checks_server and CHECKS_SERVER_SUPPORTED and ctx.get_start_method() == "forkserver":
            with self.checks.in_use():  # not stopped for idleness before this check's process has ended
                kind, value, process = self._answer(self.checks.process(**call), receive, send, seconds)
        else:
            kind, value, process = self._answer(ctx.Process(**call), receive, send, seconds)
        if self._stopping:
            raise CallStopped("the server stopped before the call answered")
        if kind != "done":
            raise value if isinstance(value, Exception) else PermitflowError(
                f"the check's process ended without an answer (exit code {process.exitcode})")
        return value

    def _answer(self, process: Any, receive: Connection, send: Connection,
                seconds: float | None) -> tuple[str, Any, Any]:
        """Start :meth:`call_apart`'s ``process`` and wait for its message (``seconds``: at most, then end
        it): its kind and value, and the process, joined."""
        process.start()
        with self._lock:
            self._calls.add(process)
            stopping = self._stopping
        if stopping:  # told to stop while it started: its answer is not waited for
            process.kill()
        send.close()
        try:
            if seconds is not None and not receive.poll(seconds):
                process.kill()
                raise CallTimedOut(f"no answer within {seconds:g} s")
            kind, value = receive.recv()
        except (EOFError, OSError):
            kind, value = "refused", None
        finally:
            receive.close()
            process.join()
            with self._lock:
                self._calls.discard(process)
        return kind, value, process

    def _apart_ok(self) -> bool:
        # a run's own pool is forked from its process (where there is fork: not on Windows)
        return self.workers > 0 and "fork" in multiprocessing.get_all_start_methods()

    def start_task(self, total: int,
                   task: Callable[[Any, Executor | None], tuple[BatchResults | None, dict[str, Any]]], *,
                   separate: bool = False) -> Run:
        """Run ``task(run, executor)`` in the background on the shared pool (``total``: work units
        expected, for the progress bar); it returns (batch or ``None``, the page's answer).
        ``separate``: in a process of its own with a pool of its own, both ended with the run (the
        module doc; ``task`` must pickle; it sees the run's ``advance`` and ``state``, never cancelled:
        a cancelled run's process is ended)."""
        apart: tuple[Any, Connection] | None = None
        large = separate and self._apart_ok()
        self._reserve(large)
        if large:
            # started before the run is known: a study is planned there and a refusal raised here, at once
            try:
                apart, total = self._start_apart(task, total)
            except BaseException:
                self._release(large)
                raise
        # a task run apart is its process's: not held here while it runs (a study names its models' texts)
        here = None if apart is not None else task
        run = Run(secrets.token_urlsafe(12), total, process=apart[0] if apart else None)
        with self._lock:
            self._runs[run.id] = run
            self._started[run.id] = time.monotonic()
            self._trim(run)
            # counted from now on as a running run, and one with a process (:meth:`_reserve`)
            self._starting -= 1
            self._large_starting -= apart is not None
        try:
            pool = self._executor()
        except BaseException as err:
            self._never_started(run, apart, err)
            raise

        def work() -> None:
            try:
                _work()
            finally:
                self._said(run)

        def _work() -> None:
            try:
                if apart is not None:
                    stored = self._finish_apart(run, *apart)
                    if stored is None:
                        return
                else:
                    assert here is not None
                    batch, answer = here(run, _Tracked(pool, run) if pool is not None else None)
                    # compressed before the run is done: the page reads the answer from what is kept
                    stored = store(batch, answer)
            except Exception as err:  # noqa: BLE001 - a run that breaks is reported on the page, the server goes on
                with run.lock:
                    if run.state == "running":
                        run.state, run.error, run.ended = "failed", str(err), time.time()
                    run.futures.clear()
                return
            with run.lock:
                if run.state == "running":
                    (run.stored_batch, run.stored_answer, run.stored_uncertainty, run.stored_diagrams,
                     run.stored_files) = stored
                    run.state, run.ended = "done", time.time()
                run.futures.clear()
            with self._lock:
                if run.id in self._runs:
                    self._runs.move_to_end(run.id)  # the order runs finished in: the oldest are forgotten first
                    self._trim(run)

        if pool is None and apart is None:
            work()
            return run
        try:
            threading.Thread(target=work, name=f"run-{run.id}", daemon=True).start()
        except BaseException as err:  # no thread to be had (the system's limit): its work never starts
            self._never_started(run, apart, err)
            raise
        return run

    def _never_started(self, run: Run, apart: tuple[Any, Connection] | None, err: BaseException) -> None:
        """``run`` is known but its work cannot start (no pool, no thread): it ends here as failed, not kept as
        running for ever (it would hold a place among :attr:`most`), its process of its own ended, and its
        :attr:`_started` entry dropped (:meth:`_said`), which nothing else would drop."""
        with run.lock:
            if run.state == "running":
                run.state, run.error, run.ended = "failed", str(err) or type(err).__name__, time.time()
        if apart is not None:
            process, receive = apart
            process.kill()
            receive.close()
            process.join()
            with run.lock:
                run.process = None
        self._said(run)

    def _reserve(self, large: bool) -> None:
        """Count a run about to start (``large``: in a process of its own), or raise :class:`RunsBusy` when
        :attr:`most` runs run already, or :attr:`large` in their process: those running (a cancelled one's
        process is being ended: not counted) and those starting."""
        with self._lock:
            running = [r for r in self._runs.values() if r.state == "running"]
            if len(running) + self._starting >= self.most:
                raise RunsBusy(self.most, large=False)
            if large and sum(r.process is not None for r in running) + self._large_starting >= self.large:
                raise RunsBusy(self.large, large=True)
            self._starting += 1
            self._large_starting += large

    def _release(self, large: bool) -> None:
        with self._lock:
            self._starting -= 1
            self._large_starting -= large

    def _start_apart(self, task: Callable[..., Any], total: int) -> tuple[tuple[Any, Connection], int]:
        """Start ``task``'s process of its own (:func:`run_in_process`) and wait until it is planned:
        (the process and the pipe its messages come on, the work units expected); raises the
        error that refused it (bad input, as when planned here)."""
        ctx = self._context()
        receive, send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=run_in_process, args=(task, send, os.getpid(), self.workers),
                              name="permitflow-run", daemon=False)  # not daemonic: it has a pool of its own
        process.start()
        send.close()
        try:
            kind, value = receive.recv()
        except (EOFError, OSError):
            process.join()
            kind, value = "failed", f"the run's process ended before it started (exit code {process.exitcode})"
        if kind != "planned":
            receive.close()
            process.join()
            raise value if isinstance(value, Exception) else PermitflowError(str(value))
        return (process, receive), total if value is None else value

    def _finish_apart(self, run: Run, process: Any, receive: Connection) -> Stored | None:
        """The messages of a run's own process (:func:`run_in_process`) until it ends: its progress, then its
        stored batch, answer and uncertainty document (``None``: the run was cancelled); raises
        :class:`RunFailed`."""
        stored: Stored | None = None
        error = ""
        try:
            while True:
                try:
                    kind, value = receive.recv()
                except (EOFError, OSError):
                    break
                if kind == "progress":
                    run.advance(value)
                elif kind == "done":
                    stored = value
                else:
                    error = value
        finally:
            receive.close()
            process.join()
            with run.lock:
                run.process = None
        if run.state != "running":
            return None
        if stored is None:
            raise RunFailed(error or f"the run's process ended without an answer (exit code {process.exitcode})")
        return stored

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

    def stop_calls(self) -> int:
        """The server is stopping: end the processes of :meth:`call_apart` (an upload's check) now, and start no
        more; a request waiting for one is answered at once (:class:`CallStopped`), so that the server, which
        waits for its requests before it stops, does not wait for the check (a hostile model's: a minute)."""
        with self._lock:
            self._stopping = True
            calls = list(self._calls)
        ended = [process for process in calls if process.exitcode is None]
        for process in ended:
            process.kill()
        return len(ended)

    def close(self) -> int:
        """Cancel every run, stop the pool and the checks' fork server; the runs that were running."""
        with self._lock:
            runs, pool, self._pool = list(self._runs.values()), self._pool, None
        running = [run for run in runs if run.state == "running"]
        for run in runs:
            run.cancel()
        for run in running:  # said now: its thread may not end before the server's process does
            self._said(run)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self.checks.close()
        return len(running)

    def _said(self, run: Run) -> None:
        """One line per run in the server's log (:mod:`web.requestlog`), once: how it ended and how long it took."""
        with self._lock:
            started = self._started.pop(run.id, None)
        if started is None:  # said already
            return
        with run.lock:
            ended, units = run.state, run.done
        LOG.info(f"run {short_id(run.id)} {ended} after {time.monotonic() - started:.1f} s ({units} of {run.total} work units)")


class RunFailed(Exception):
    """A run in a process of its own failed: its error's message."""


class CallTimedOut(PermitflowError):
    """:meth:`Runs.call_apart`'s process gave no answer in the time allowed (and was ended)."""


class RunsBusy(PermitflowError):
    """As many large runs as the server runs at once already run (:attr:`Runs.large`): said in both languages."""

    def __init__(self, count: int, *, large: bool) -> None:
        if large:
            en = f"{count} large calculations" if count > 1 else "a large calculation"
            sv = f"{count} stora beräkningar" if count > 1 else "en stor beräkning"
            en += " (a \"How sure are we?\" run, a search for the cheapest or a run of an uploaded process)"
            sv += " (Hur säkra är vi?, en sökning efter det billigaste eller en körning av en uppladdad process)"
        else:
            en = f"{count} calculations" if count > 1 else "a calculation"
            sv = f"{count} beräkningar" if count > 1 else "en beräkning"
        super().__init__(f"The server is already running {en} for other pages: try again when one has finished, "
                         "in a minute or two.")
        self.sv = f"Servern kör redan {sv} åt andra sidor: försök igen när någon är klar, om en minut eller två."


class CallStopped(PermitflowError):
    """:meth:`Runs.call_apart` was not started, or its process ended, because the server is stopping."""


