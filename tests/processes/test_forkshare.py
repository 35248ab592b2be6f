"""processes/forkshare.py: work shared with forked helpers comes back in order, as if computed here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from processes.forkshare import Forked, can_fork, run_shared


def cube_and_pid(x: int) -> tuple[int, int]:
    return x**3, os.getpid()


def test_every_item_in_order_and_each_worker_has_its_share() -> None:
    got = run_shared(list(range(7)), cube_and_pid, 3)
    assert [v for v, _ in got] == [x**3 for x in range(7)]
    assert got[0][1] == os.getpid() and got[3][1] == os.getpid()  # items 0, 3, 6: this process
    if can_fork():
        assert len({pid for _, pid in got}) == 3


def test_one_worker_or_one_item_stays_here() -> None:
    assert {pid for _, pid in run_shared(list(range(5)), cube_and_pid, 1)} == {os.getpid()}
    assert run_shared([2], cube_and_pid, 4) == [(8, os.getpid())]
    assert run_shared([], cube_and_pid, 2) == []


def test_the_last_share_can_stay_here() -> None:
    got = run_shared(list(range(7)), cube_and_pid, 2, last_here=True)
    assert [v for v, _ in got] == [x**3 for x in range(7)]
    assert {got[i][1] for i in (1, 3, 5)} == {os.getpid()}
    if can_fork():
        assert {got[i][1] for i in (0, 2, 4, 6)} != {os.getpid()}


def big_text(n: int) -> str:
    return f"{os.getpid()}:" + "x" * n


def fails(n: int) -> str:
    raise ValueError(f"no {n} here")


def test_forked_work_comes_back_and_a_failure_is_raised_here() -> None:
    """A helper's result (longer than a pipe holds: it waits for the reader); a helper that fails:
    computed again here, so its error is raised here; one not wanted: stopped."""
    got = Forked(300_000, big_text).result()
    assert got.endswith("x" * 300_000) and len(got) > 300_000
    assert (int(got.split(":")[0]) != os.getpid()) == can_fork()
    failed = Forked(3, fails)
    with pytest.raises(ValueError, match="no 3 here"):
        failed.result()
    unwanted = Forked(10, big_text)
    unwanted.cancel()
    assert not unwanted.forked


def test_forked_work_runs_in_a_helper_in_a_process_of_one_thread() -> None:
    """The test runner has threads of its own (then nothing forks): a fresh process has none."""
    script = ("import os, sys; from processes.forkshare import Forked\n"
              "from tests.processes.test_forkshare import big_text\n"
              "f = Forked(5, big_text); assert f.forked\n"
              "pid = int(f.result().split(':')[0]); assert pid != os.getpid(), pid\n"
              "print('helper', pid != os.getpid())\n")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "helper True"
