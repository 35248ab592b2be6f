"""Where work units run: here, in a pool of local processes, or on a Dask cluster.

:func:`executor_for` is a context manager that yields a
``concurrent.futures.Executor`` (or ``None``: run here, one unit after the
other) and releases it on the way out, also when the run is interrupted:
queued units are dropped, finished ones are already in the cache. Results do
not depend on the choice (:func:`simulator.runner.run_replications` returns
them in job order).

A pool worker must not outlive the run that started it (a run killed with
SIGKILL gets no chance to stop its pool): each worker asks Linux to kill it
when its parent dies (``prctl(PR_SET_PDEATHSIG)``) and, where that is not
available or the parent died before it was asked, a watchdog thread polls
``getppid()`` and ends the worker within :data:`WATCH_INTERVAL` seconds.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from processes.errors import PermitflowError, SimulationError
from processes.extras import install_hint
from processes.heapkeep import keep_heap

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["FORK_MIN_COST", "LOCAL_DASK", "LOCAL_DASK_CHUNK", "LOCAL_HEARTBEAT", "POOL_MIN_COST", "QUIET_DASK", "WATCH_INTERVAL",
           "check_executor", "executor_for", "fork_split", "forks", "largest_chunk", "watch_parent", "load",
           "slower_heartbeats"]

#: estimated work (:func:`scenarios.execute.unit_cost` summed over a run's units: applications x
#: elements) below which a run with the default number of workers stays in this process. Starting a
#: pool costs its fork, every chunk's pickled texts both ways and the workers' shutdown (about 0.1
#: CPU s for two workers, measured), while two workers save at most half the work's wall time; one
#: cost unit took 9-35 CPU microseconds on the project machine (library models, 1 and 5 years), so
#: this is about one CPU second of simulation. ``permitflow simulate helsingborg --years 1``
#: (10 replications) estimates about 19,000; ``--years 5`` about 93,000.
POOL_MIN_COST = 50_000.0

#: estimated work from which a run that stays in this process (below :data:`POOL_MIN_COST`, default
#: workers) shares its units with forked helpers (:func:`fork_split`). A forked helper costs no pool:
#: the fork and its copy-on-write page faults, its pickled results, about 0.02 CPU s in all for one
#: helper (measured with ``permitflow simulate``'s process, bench/RESULTS-startup.md "Branch cold3"),
#: while on two free cores it takes half of the units but the first off the wall time. At
#: 10,000 (about 0.1-0.3 CPU s of simulation) the helper's half is several times its cost;
#: ``simulate helsingborg --years 1`` (about 19,000) is shared, ``--cases 20`` (about 4,000) is not.
FORK_MIN_COST = 10_000.0

#: Dask's housekeeping slowed for batch runs: by default every process checks its event loop every
#: 20 ms and samples its own stack for a profile, about 0.2 CPU s per second of wall time across a
#: 2-worker local cluster (measured idle: 6.0 CPU s in 30 s; 0.9 with these). A local cluster's
#: workers and nannies get this configuration from this process.
QUIET_DASK = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}

#: a local cluster started for one run (``--dask local``) behaves like the process pool: workers are
#: forked from this process, which has the engine imported and the run's models parsed (spawned
#: ones start Python, import distributed and the engine and parse again: about 1.5 CPU s each),
#: results travel uncompressed over the loopback, no task is stolen (the scheduler's queue hands
#: out the chunks, the costliest first), no worker is paused, spilled or restarted for memory and
#: no monitor samples the GIL or the disks. The processes' own clocks run slower still than
#: :data:`QUIET_DASK`'s (system monitor, event-loop tick, the client's scheduler-info poll: every
#: 10 s), and the workers' heartbeats come every :data:`LOCAL_HEARTBEAT` seconds instead of the
#: scheduler's 0.5 (:func:`slower_heartbeats`): idle, a 2-worker cluster took about 12 CPU ms
#: per second of wall time with QUIET_DASK alone, 10 with the slower clocks, 4 with both (load 7-8,
#: bench/RESULTS-road.md). What is left is importing distributed in this process (about 0.3 CPU s),
#: starting and stopping the cluster (about 0.2) and some 5-8 CPU ms per task.
#: Forking is safe here: no thread of ours runs yet when the cluster starts.
LOCAL_DASK = {
    **QUIET_DASK,
    "distributed.worker.multiprocessing-method": "fork",
    "distributed.comm.compression": False,
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.pause": False,
    "distributed.worker.memory.terminate": False,
    "distributed.scheduler.active-memory-manager.start": False,  # nothing to move: results go to the client
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.system-monitor.interval": "10s",  # nothing reads it: no dashboard, no memory limits
    "distributed.admin.tick.interval": "10s",  # the event loop's health check: its warnings are silenced
    "distributed.admin.tick.cycle": "10s",
    "distributed.client.scheduler-info-interval": "10s",  # the client's view of the workers: not used
    # the scheduler and the workers serve their metrics and health over HTTP even without a dashboard:
    # nothing to serve (the scheduler's server listens on a free port of the loopback, see executor_for)
    "distributed.scheduler.http.routes": [],
    "distributed.worker.http.routes": [],
}

#: seconds between two heartbeats of a worker of a local cluster (``--dask local``). The scheduler
#: asks up to 10 workers for one every 0.5 s; a heartbeat carries the worker's metrics (memory, the
#: tasks' durations) for the dashboard, the memory manager and work stealing, all off on a local
#: cluster, and tells the scheduler the worker is alive (it drops a worker silent for 5 minutes).
LOCAL_HEARTBEAT = 5.0

#: most replications in one task on a local Dask cluster (the process pool: :data:`scenarios.schedule.MAX_CHUNK`).
#: A Dask task costs some 5-8 CPU ms of the run's and the worker's event loops (the scheduler's
#: bookkeeping, a message each way, the result fetched through the scheduler), a pool task well
#: under 1; measured with 68 against 34 tasks of the same work, load 6-7: the run's own CPU 0.50-0.58
#: against 0.22-0.25 s. The bundled study's 14 points of 30 replications go in 32 tasks instead of 60;
#: the last ones are still halved (:func:`scenarios.schedule.finer_tail`), and a stopped run waits for
#: at most one such chunk per worker.
LOCAL_DASK_CHUNK = 16

#: seconds between two looks of a worker's watchdog at its parent
WATCH_INTERVAL = 0.5
_PR_SET_PDEATHSIG = 1


def _end_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here, in the worker: the parent of a run that stays in-process never needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watchdog still ends the worker


def _watchdog(parent: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL)
        if os.getppid() != parent:
            os._exit(1)  # orphaned: the run is gone, nobody wants the result


def watch_parent(run: int, death_signal: bool = True) -> None:
    """Pool worker initializer: end this worker when the run (process ``run``) that started it dies;
    Ctrl-C (SIGINT) is left to the run.

    The parent is whoever forked the worker (the run itself, or a fork server); a
    worker whose parent is already gone ends at once. ``death_signal``: also ask Linux for
    the parent-death signal, which comes when the *thread* that forked the worker ends: only
    for a pool whose workers are forked by a thread that lives as long as the pool (the
    watchdog alone ends the worker within :data:`WATCH_INTERVAL` seconds otherwise).
    """
    parent = os.getppid()
    # Ctrl-C in a terminal goes to the whole process group: a worker waiting for a task would die
    # with a traceback of its own; the run (or the server) stops the pool itself, at most one
    # chunk per worker still finishing
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    keep_heap()  # forked workers have it from the parent already; spawned ones not
    if death_signal:
        _end_with_parent()
    if os.getppid() != parent or parent == 1:
        os._exit(1)
    if parent != run:  # a fork server between us and the run: watch the run too
        threading.Thread(target=_watch_run, args=(run,), daemon=True, name="permitflow-watch-run").start()
    threading.Thread(target=_watchdog, args=(parent,), daemon=True, name="permitflow-watch-parent").start()


def _watch_run(run: int) -> None:
    while True:
        time.sleep(WATCH_INTERVAL)
        try:
            os.kill(run, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # alive, owned by someone else (a reused id would need many processes in half a second)


def check_executor(dask: str | None) -> None:
    """Refuse ``--dask`` when dask.distributed is not installed or the address is malformed (before a run
    writes anything)."""
    if dask is None:
        return
    try:
        importlib.import_module("dask.distributed")
    except ImportError:
        raise PermitflowError(f"running on Dask needs dask.distributed, which is not installed: install the dask extra {install_hint('dask')}") from None
    if dask == "local":
        return
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    try:  # distributed says a malformed address only when it connects, in a ValueError and a traceback
        scheme, location = parse_address(dask)
        get_backend(scheme)  # an unknown scheme ("foo://bar"): "unknown address scheme 'foo' (known ...)"
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as err:
        raise PermitflowError(f"--dask {dask!r}: {err} (expected local, or a scheduler address such as "
                              "tcp://host:8786)") from None


@contextmanager
def executor_for(*, workers: int | None = None, dask: str | None = None, jobs: int,
                 cost: float | None = None) -> Iterator[Executor | None]:
    """The executor for ``jobs`` work units.

    ``dask``: a scheduler address, or ``"local"`` for a cluster of ``workers``
    processes started here. Otherwise a process pool of ``workers`` (default: all
    cores), or ``None`` (run here) when one worker is enough, or when ``workers``
    is not given and the units' estimated work ``cost`` is below :data:`POOL_MIN_COST`
    (a pool would take longer to start than it saves). The choice never changes
    the results, only where they are computed.
    """
    if dask is not None:
        check_executor(dask)
        from dask import config as dask_config
        from dask.distributed import Client, LocalCluster

        if dask == "local":
            import logging  # here: not on the start-up path of a run without dask

            keep_heap()  # before the cluster forks its workers (processes.heapkeep)
            # no log record at all in the cluster's processes: a nanny forks its worker from a thread while
            # its main thread may be writing a record, and a buffered stream's lock held at that moment stays
            # held in the child, which then hangs at its first record (seen under pytest, whose logging plugin
            # puts a file handler on the root logger); the levels are inherited by every forked process
            quiet = logging.getLogger("distributed")
            was = quiet.level
            quiet.setLevel(logging.CRITICAL)
            try:
                with dask_config.set(LOCAL_DASK):
                    # silence_logs: the cluster's own log lines stay out of the user's terminal (a worker's
                    # heartbeat meeting a scheduler that is closing printed a traceback after a run that
                    # succeeded); a unit's error comes back to this process through its future and is told here
                    # the scheduler's HTTP server (no dashboard, no routes) on a free port: its default, 8787, taken
                    # by another cluster (a second run) printed "Port 8787 is already in use" on the terminal
                    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                           processes=True, dashboard_address=None, silence_logs=logging.CRITICAL,
                                           scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
                    slower_heartbeats(getattr(cluster, "scheduler", None), LOCAL_HEARTBEAT)
                    client = Client(cluster)
                    try:
                        # pure=False: no hashing of every chunk's texts for a key (each chunk is submitted once)
                        yield client.get_executor(pure=False)
                    finally:
                        client.close()
                        cluster.close()
            finally:
                quiet.setLevel(was)
            return
        with dask_config.set(QUIET_DASK):
            try:
                client = Client(dask)
            except OSError as err:  # a well-formed address that cannot be reached: the run cannot run (exit 1)
                raise SimulationError(unreachable(dask, err)) from None
            try:
                yield client.get_executor(pure=False)
            finally:
                client.close()  # close, never shutdown: the cluster is not ours
            return
    count = min(workers or os.cpu_count() or 1, jobs)
    if count <= 1 or (workers is None and cost is not None and cost < POOL_MIN_COST):
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # the pool starts its workers from this thread at the first submit (fork, where there is one:
    # named, not left to Python's default, which is forkserver from 3.14), so the workers inherit
    # what this process loaded and the parent-death signal is tied to a thread that lives as long
    # as the pool
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    keep_heap()  # before the workers fork: they start with it (processes.heapkeep)
    pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context(method),
                               initializer=watch_parent, initargs=(os.getpid(),))
    interrupted = False
    try:
        yield pool
    except (KeyboardInterrupt, SystemExit):
        interrupted = True
        # Ctrl-C (the run says it in one line): nothing more is wanted of the workers, which leave
        # SIGINT to the run (watch_parent); ended at once instead of finishing their chunks, and never
        # waited for without a bound (a stopped run that hangs is worse than one that leaves a zombie)
        busy = list((getattr(pool, "_processes", None) or {}).values())
        for process in busy:
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        for process in busy:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
        raise
    finally:
        if not interrupted:
            pool.shutdown(wait=True, cancel_futures=True)


def unreachable(address: str, err: OSError) -> str:
    """One line for a scheduler address that could not be reached. Distributed says a refused port as
    "Timed out trying to connect to … after 0.2 s", but on a loaded machine the same refused port once
    came back as its comm's own words, "in <TCP (closed)  local=… remote=…>: Stream is closed": both
    are said as the address that could not be reached, with the library's reason only when it is a
    timeout (which names the wait)."""
    said = str(err)
    reason = said if said.startswith("Timed out") else "the connection closed before a scheduler answered"
    return f"cannot reach the Dask scheduler at {address} ({reason}); is a scheduler running there?"


def slower_heartbeats(scheduler: object, seconds: float) -> None:
    """Have the workers of ``scheduler`` (a local cluster's, in this process) beat every ``seconds``
    instead of every 0.5 s: the interval a worker uses is the one the scheduler's answer to its last
    heartbeat names (``heartbeat-interval``), and distributed has no setting for it. A scheduler whose
    handler or answer looks otherwise (another version of distributed) is left as it is."""
    handlers = getattr(scheduler, "handlers", None)
    if not isinstance(handlers, dict) or handlers.get("heartbeat_worker") is None:
        return
    import functools

    beat = handlers["heartbeat_worker"]

    @functools.wraps(beat)  # the same signature: distributed passes the comm by looking at it
    def slower(*args: object, **kwargs: object) -> object:
        answer = beat(*args, **kwargs)
        if isinstance(answer, dict) and isinstance(answer.get("heartbeat-interval"), (int, float)):
            answer["heartbeat-interval"] = max(answer["heartbeat-interval"], seconds)
        return answer

    handlers["heartbeat_worker"] = slower


def largest_chunk(dask: str | None) -> int:
    """Most replications in one task for a run on ``dask`` (as :func:`executor_for` takes it): a local
    Dask cluster's tasks cost more than a process pool's (:data:`LOCAL_DASK_CHUNK`)."""
    from scenarios.schedule import MAX_CHUNK  # the engine: a run that asks has it imported already

    return LOCAL_DASK_CHUNK if dask == "local" else MAX_CHUNK


def fork_split(*, workers: int | None, dask: str | None, jobs: int, cost: float | None) -> int:
    """How many processes share a run that :func:`executor_for` keeps here (its executor ``None``):
    this one and forked helpers (:func:`processes.forkshare.run_shared`), for the default workers
    (all cores) and an estimated work ``cost`` of at least :data:`FORK_MIN_COST`, when the load
    average leaves a core free (below the cores less a half); otherwise 1. The choice never changes
    the results, only where they are computed."""
    if workers is not None or dask is not None or cost is None or cost < FORK_MIN_COST:
        return 1
    from processes.forkshare import default_workers

    cores = default_workers()
    if load() > cores - 0.5:  # no core free on average: a helper would wait for one and only add its cost
        return 1
    return max(1, min(cores, jobs - 1))


def load() -> float:
    """The last minute's load average (runnable processes), 0 where the system does not say."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def forks(executor: Executor | None) -> bool:
    """True for a pool of :func:`executor_for` whose workers are forked from this process at its
    first task: what this process imports before then, they have without importing it again."""
    from concurrent.futures import ProcessPoolExecutor

    if not isinstance(executor, ProcessPoolExecutor):
        return False
    context = getattr(executor, "_mp_context", None)  # the executor keeps no public record of it
    return context is not None and context.get_start_method() == "fork"
