"""The pairs of an N-way comparison on several processes give what one process gives, in order."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from bpmn_io.authoring import read_authoring
from bpmn_io.profile import read_profile
from processes.diff import compare_models, comparison_to_data, prepare, profile_inputs
from processes.diff.forkpairs import MIN_PAIRS, default_workers, run_pairs
from processes.forkshare import can_fork

LIBRARY = Path(__file__).resolve().parents[3] / "processes" / "library"
PARENT = os.getpid()


def square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


@pytest.mark.parametrize("workers", [1, 2, 3, 50])
def test_results_come_back_in_order_from_every_worker(workers: int) -> None:
    pairs = list(range(17))
    got = run_pairs(pairs, square_and_pid, workers)
    assert [v for v, _ in got] == [x * x for x in pairs]
    pids = {pid for _, pid in got}
    if can_fork():  # (not on another system, nor beside a test runner's thread)
        assert len(pids) == min(workers, len(pairs))  # each worker did its share
    assert got[0][1] == os.getpid()  # the first share is this process's


def test_few_pairs_stay_in_this_process() -> None:
    got = run_pairs(list(range(MIN_PAIRS - 1)), square_and_pid, 4)
    assert {pid for _, pid in got} == {os.getpid()}
    assert run_pairs([], square_and_pid, 2) == []


def test_another_thread_running_keeps_the_work_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        got = run_pairs(list(range(10)), square_and_pid, 2)
    finally:
        stop.set()
        thread.join()
    assert {pid for _, pid in got} == {os.getpid()}


def failing_in_helpers(x: int) -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("helper fails")
    return x + 1


def test_a_failed_helper_share_is_computed_here() -> None:
    if os.getpid() != PARENT:
        pytest.skip("runs in the process that imported the module")
    assert run_pairs(list(range(12)), failing_in_helpers, 3) == list(range(1, 13))


def always_failing(x: int) -> int:
    raise ValueError(f"bad pair {x}")


def test_an_error_is_raised_here() -> None:
    with pytest.raises(ValueError, match="bad pair 0"):
        run_pairs(list(range(10)), always_failing, 2)


def test_default_workers_is_at_least_one() -> None:
    assert default_workers() >= 1


def test_an_nway_comparison_is_the_same_on_two_processes() -> None:
    models = []
    for name in ("helsingborg", "astorp", "landskrona", "orkelljunga", "svalov"):
        folder = LIBRARY / name
        if not (folder / "process.yaml").is_file():
            pytest.skip(f"library model {name} not present")
        facts, params = profile_inputs(read_profile(folder / "profile.yaml").raw)
        models.append(prepare(read_authoring(folder / "process.yaml"), name, facts=facts, params=params))
    one = compare_models(models, workers=1)
    two = compare_models(models, workers=2)
    assert two == one and comparison_to_data(two) == comparison_to_data(one)
    assert len(one.pairs) == 10
