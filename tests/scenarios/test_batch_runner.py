"""simulator.runner: jobs over any executor, results in job order, failures kept, cache, CRN seeds."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

from simulator.runner import Failure, Job, replication_seeds, run_replications


def square(x: int) -> int:
    return x * x


def draw(seed: np.random.SeedSequence) -> float:
    return float(np.random.default_rng(seed).random())


def explode(x: int) -> int:
    if x == 3:
        raise ValueError("three is not allowed")
    return x


class DictCache:
    def __init__(self) -> None:
        self.store: dict[str, object] = {}
        self.puts: list[str] = []

    def get(self, key: str) -> object | None:
        return self.store.get(key)

    def put(self, key: str, value: object) -> None:
        self.puts.append(key)
        self.store[key] = value


def test_results_come_back_in_job_order_whatever_the_executor() -> None:
    jobs = [Job(f"k{i}", square, i) for i in range(12)]
    expected = [i * i for i in range(12)]
    assert run_replications(jobs) == expected
    with ThreadPoolExecutor(4) as ex:
        assert run_replications(jobs, executor=ex) == expected
    with ProcessPoolExecutor(2) as ex:
        assert run_replications(jobs, executor=ex) == expected


def test_replication_i_gets_the_same_stream_in_every_scenario() -> None:
    a = [draw(s) for s in replication_seeds(42, 3)]
    b = [draw(s) for s in replication_seeds(42, 5)][:3]
    assert a == b
    assert len(set(a)) == 3
    assert [s.spawn_key for s in replication_seeds(42, 2)] == [(0,), (1,)]


def test_a_failing_job_is_kept_as_a_failure_and_the_others_finish() -> None:
    jobs = [Job(str(i), explode, i) for i in range(5)]
    with ThreadPoolExecutor(2) as ex:
        out = run_replications(jobs, executor=ex)
    assert out[:3] == [0, 1, 2] and out[4] == 4
    assert isinstance(out[3], Failure)
    assert (out[3].kind, out[3].message) == ("ValueError", "three is not allowed")


def test_cached_jobs_are_not_run_again_and_failures_are_not_cached() -> None:
    cache = DictCache()
    jobs = [Job(str(i), explode, i) for i in range(5)]
    ticks: list[int] = []
    run_replications(jobs, cache=cache, progress=ticks.append)
    assert sorted(cache.puts) == ["0", "1", "2", "4"]
    assert sum(ticks) == 5
    cache.store["0"] = "from cache"
    cache.puts.clear()
    ticks.clear()
    out = run_replications(jobs, cache=cache, progress=ticks.append)
    assert out[0] == "from cache"
    assert cache.puts == []  # only the failed job ran again, and it failed again
    assert ticks == [4, 1]


def test_seeds_are_checked() -> None:
    with pytest.raises(ValueError, match="replications must be at least 1"):
        replication_seeds(1, 0)
    with pytest.raises(ValueError, match="non-negative"):
        replication_seeds(-1, 2)


def square_and_pid(x: int) -> tuple[int, int]:
    import os

    return x * x, os.getpid()


def test_split_with_forked_helpers_gives_the_same_results_in_job_order() -> None:
    import os

    from processes.forkshare import can_fork

    cache = DictCache()
    cache.store["k4"] = (16, -1)  # found in the cache: not run again
    seen: list[int] = []
    jobs = [Job(f"k{i}", square_and_pid, i) for i in range(9)]
    got = run_replications(jobs, cache=cache, progress=seen.append, split=2)
    assert [v for v, _ in got] == [i * i for i in range(9)]
    assert got[4] == (16, -1)
    assert sum(seen) == 9
    assert sorted(cache.puts) == sorted(f"k{i}" for i in range(9) if i != 4)
    pids = {pid for _, pid in got if pid != -1}
    assert got[0][1] == os.getpid()  # the first job to run stays here, before the fork
    # and the last share of the rest (jobs 1, 2, 3, 5, 6, 7, 8 to run: 2, 5, 7 here; 4 is cached)
    assert {got[i][1] for i in (2, 5, 7)} == {os.getpid()}
    if can_fork():  # (not beside a test runner's thread)
        assert len(pids) == 2


def test_split_keeps_failures_in_place() -> None:
    jobs = [Job(str(i), explode, i) for i in range(6)]
    out = run_replications(jobs, split=2)
    assert out[:3] == [0, 1, 2] and out[4:] == [4, 5]
    assert isinstance(out[3], Failure) and out[3].kind == "ValueError" and "three" in out[3].message
