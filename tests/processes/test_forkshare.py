"""processes/forkshare.py: work shared with forked helpers comes back in order, as if computed here."""

from __future__ import annotations

import os

from processes.forkshare import can_fork, run_shared


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
