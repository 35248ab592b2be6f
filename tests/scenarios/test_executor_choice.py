"""Where a run's units go (scenarios/executors.py executor_for): a small run stays in this process."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from scenarios import executors
from scenarios.executors import POOL_MIN_COST, executor_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors.os, "cpu_count", lambda: 2)


def test_a_small_run_with_the_default_workers_stays_here() -> None:
    with executor_for(jobs=10, cost=POOL_MIN_COST / 3) as executor:
        assert executor is None


def test_a_large_run_gets_a_pool_of_all_cores() -> None:
    with executor_for(jobs=10, cost=POOL_MIN_COST * 2) as executor:
        assert isinstance(executor, ProcessPoolExecutor)
        assert executor._max_workers == 2  # type: ignore[attr-defined]  # the pool keeps its size there


def test_workers_given_are_honoured_whatever_the_estimate() -> None:
    with executor_for(workers=2, jobs=10, cost=1.0) as executor:
        assert isinstance(executor, ProcessPoolExecutor)
    with executor_for(workers=1, jobs=10, cost=POOL_MIN_COST * 10) as executor:
        assert executor is None


def test_without_an_estimate_the_default_is_a_pool() -> None:
    with executor_for(jobs=10) as executor:
        assert isinstance(executor, ProcessPoolExecutor)
        # by hand: all cores (two_cores: 2), fewer than the 10 units
        assert executor._max_workers == 2  # type: ignore[attr-defined]  # the pool keeps its size there


def _has(name: str) -> bool:
    import sys

    return name in sys.modules


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork here")
def test_the_pool_forks_at_its_first_task_with_what_this_process_loaded_until_then() -> None:
    import sys
    import types

    from scenarios.executors import forks

    name = "permitflow_probe_loaded_before_the_first_task"
    with executor_for(workers=2, jobs=10) as executor:
        assert forks(executor)
        sys.modules[name] = types.ModuleType(name)  # after the pool is made, before its first task
        try:
            assert executor is not None
            assert executor.submit(_has, name).result() is True
        finally:
            del sys.modules[name]


def test_only_a_forking_process_pool_counts_as_forking() -> None:
    from concurrent.futures import ThreadPoolExecutor
    from multiprocessing import get_all_start_methods, get_context

    from scenarios.executors import forks

    assert not forks(None)
    with ThreadPoolExecutor(1) as threads:
        assert not forks(threads)
    if "spawn" in get_all_start_methods():
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as spawned:
            assert not forks(spawned)


def test_a_small_run_is_shared_with_forked_helpers_from_the_fork_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    from processes import forkshare
    from scenarios.executors import FORK_MIN_COST, fork_split

    monkeypatch.setattr(forkshare, "default_workers", lambda: 2)
    monkeypatch.setattr(executors, "load", lambda: 0.7)
    assert FORK_MIN_COST < POOL_MIN_COST
    assert fork_split(workers=None, dask=None, jobs=10, cost=FORK_MIN_COST) == 2
    assert fork_split(workers=None, dask=None, jobs=10, cost=FORK_MIN_COST / 2) == 1
    assert fork_split(workers=None, dask=None, jobs=10, cost=None) == 1
    assert fork_split(workers=1, dask=None, jobs=10, cost=FORK_MIN_COST * 2) == 1  # asked for: all here
    assert fork_split(workers=None, dask="local", jobs=10, cost=FORK_MIN_COST * 2) == 1
    assert fork_split(workers=None, dask=None, jobs=2, cost=FORK_MIN_COST * 2) == 1  # the first unit runs here alone

    monkeypatch.setattr(executors, "load", lambda: 1.6)  # no core free on average: all here
    assert fork_split(workers=None, dask=None, jobs=10, cost=FORK_MIN_COST * 2) == 1


_CTRL_C_WHILE_IDLE = """
import os, signal, sys, time
from scenarios.executors import executor_for

with executor_for(workers=2, jobs=10) as pool:
    pids = {pool.submit(os.getpid).result() for _ in range(20)}
    time.sleep(0.2)  # both workers idle, waiting for a task
    for pid in pool._processes:
        os.kill(pid, signal.SIGINT)  # what Ctrl-C in a terminal sends the whole process group
    time.sleep(0.5)
    print(sum(pool.submit(abs, -n).result() for n in range(10)))
"""


def test_pool_workers_leave_ctrl_c_to_the_run() -> None:
    # Ctrl-C while the workers waited for a task (the report being written after the last unit)
    # printed a KeyboardInterrupt traceback per worker before the run's own one line; the run
    # stops the pool itself (at most one chunk per worker still finishes)
    done = subprocess.run([sys.executable, "-c", _CTRL_C_WHILE_IDLE], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, check=False)
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout == "45\n"  # the pool still works


_CTRL_C_WHILE_BUSY = """
import os, signal, sys, time
from scenarios.executors import executor_for

# as a run started from a terminal has it: a job started in the background (`make test &`) by a
# non-interactive shell ignores SIGINT (POSIX), every process under it inherits SIG_IGN, and Ctrl-C
# would then never reach this one (seen: /proc/PID/status SigIgn 0x6 under the harness's `&`)
signal.signal(signal.SIGINT, signal.default_int_handler)
pool_ = None
try:
    with executor_for(workers=2, jobs=10) as pool:
        pool_ = pool
        for _ in range(2):
            pool.submit(time.sleep, 600)  # a chunk that would keep shutdown waiting ten minutes
        while len(pool._processes) < 2:
            time.sleep(0.05)
        time.sleep(0.3)
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C reaches the run (the workers leave it to the run)
        time.sleep(600)
except KeyboardInterrupt:
    print("interrupted")
"""


def test_ctrl_c_ends_the_workers_instead_of_waiting_for_their_chunks() -> None:
    # the workers ignore SIGINT, so the pool ends them itself when the run is stopped: shutdown
    # would otherwise wait for each worker's running chunk (here ten minutes; the timeout fails it)
    done = subprocess.run([sys.executable, "-c", _CTRL_C_WHILE_BUSY], capture_output=True, text=True, timeout=300,
                          cwd=ROOT, check=False)
    assert (done.stdout, done.stderr, done.returncode) == ("interrupted\n", "", 0)


def test_a_local_dask_cluster_takes_larger_chunks_than_a_pool() -> None:
    from scenarios.execute import UnitId
    from scenarios.schedule import MAX_CHUNK, chunks_of, default_chunk

    assert executors.largest_chunk("local") == executors.LOCAL_DASK_CHUNK > MAX_CHUNK
    assert executors.largest_chunk(None) == executors.largest_chunk("tcp://127.0.0.1:8786") == MAX_CHUNK
    # the bundled study (420 units, 30 a point) on 2 workers: 15 a chunk instead of 8, 8, 8, 6
    size = default_chunk(420, 2, executors.largest_chunk("local"))
    units = [UnitId("s", 0, r) for r in range(30)]
    assert [len(c) for c in chunks_of(units, list(range(30)), size=size, cost=lambda _i: 1.0)] == [15, 15]
    # a small run still gets about four chunks a worker
    assert default_chunk(12, 2, executors.largest_chunk("local")) == 2


class _Scheduler:
    """What slower_heartbeats uses of distributed's Scheduler: its handlers by operation name."""

    def __init__(self) -> None:
        self.handlers = {"heartbeat_worker": self.heartbeat_worker}

    def heartbeat_worker(self, *, address: str, now: float | None = None) -> dict[str, object]:
        return {"status": "OK", "time": now, "heartbeat-interval": 0.5, "address": address}


def test_a_local_clusters_workers_are_asked_for_slower_heartbeats() -> None:
    import inspect

    scheduler = _Scheduler()
    executors.slower_heartbeats(scheduler, 5.0)
    beat = scheduler.handlers["heartbeat_worker"]
    assert beat(address="tcp://w", now=1.0) == {"status": "OK", "time": 1.0, "heartbeat-interval": 5.0,
                                                "address": "tcp://w"}
    # distributed passes the comm to a handler whose first parameter is named so: the same signature
    assert list(inspect.signature(beat).parameters) == ["address", "now"]
    executors.slower_heartbeats(scheduler, 0.1)  # never faster than the scheduler asks
    assert scheduler.handlers["heartbeat_worker"](address="tcp://w")["heartbeat-interval"] == 5.0
    executors.slower_heartbeats(object(), 5.0)  # another scheduler (version): left alone


def test_a_local_dask_cluster_beats_slowly_and_leaves_port_8787_alone() -> None:
    """The workers of ``--dask local`` beat every LOCAL_HEARTBEAT seconds; with port 8787 (Dask's
    dashboard port) taken, nothing is said on the terminal (it said "Port 8787 is already in use")."""
    pytest.importorskip("dask.distributed")
    script = (
        "import socket\n"
        "held = socket.socket()\n"
        "try:\n"
        "    held.bind(('127.0.0.1', 8787)); held.listen()\n"
        "except OSError:\n"
        "    pass  # taken already: the case to test\n"
        "from scenarios.executors import executor_for\n"
        "async def beat(dask_worker):\n"
        "    await dask_worker.heartbeat()\n"
        "    return dask_worker.periodic_callbacks['heartbeat'].callback_time\n"
        "with executor_for(workers=1, dask='local', jobs=1) as ex:\n"
        "    print(ex.submit(int, '7').result())\n"
        "    print(list(ex._client.run(beat).values()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["7", f"[{executors.LOCAL_HEARTBEAT * 1000}]"]
    assert done.stderr == "", done.stderr
