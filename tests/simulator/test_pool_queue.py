"""A pool's own FIFO queue (simulator.workplace.PoolAtWork.join/leave/quit) hands members
over at the same instants and in the same order as simpy's Resource, also when tokens
are interrupted while they queue or while they work."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import simpy

from simulator.workplace import PoolAtWork

# (arrival hour, work hours, interrupted at hour or None); several arrive at the same instant
SCRIPT = [
    (0.0, 3.0, None), (0.0, 2.0, None), (0.0, 1.0, None), (0.0, 4.0, 1.5), (1.0, 1.0, None),
    (2.0, 2.0, None), (2.0, 0.5, 2.5), (2.0, 1.0, None), (3.0, 3.0, 4.0), (3.0, 1.0, None),
    (4.0, 2.0, None), (5.0, 1.0, 5.0), (5.0, 1.0, None), (6.0, 0.0, None), (6.0, 2.0, None),
]


def _schedule(count: int) -> Any:
    spec = SimpleNamespace(holidays=None, closed_dates=(), closures=(), week=(((0.0, 24.0),),) * 7)
    return SimpleNamespace(name="clerk", count=count, calendar=SimpleNamespace(spec=spec, share=1.0), members=())


def _run(count: int, ours: bool) -> list[tuple[float, int, str]]:
    env = simpy.Environment()
    log: list[tuple[float, int, str]] = []
    pool = PoolAtWork(env, _schedule(count))
    resource = simpy.Resource(env, capacity=count)

    def token(i: int, hours: float) -> Any:
        try:
            if ours:
                request = pool.join()
                try:
                    yield request
                    log.append((env.now, i, "start"))
                    yield env.timeout(hours)
                except simpy.Interrupt:
                    pool.quit(request)
                    raise
                pool.leave(request)
            else:
                with resource.request() as simpy_request:
                    yield simpy_request
                    log.append((env.now, i, "start"))
                    yield env.timeout(hours)
            log.append((env.now, i, "end"))
        except simpy.Interrupt:
            log.append((env.now, i, "interrupted"))

    def interrupter(proc: Any, at: float) -> Any:
        yield env.timeout(at - env.now)
        if proc.is_alive:
            proc.interrupt()

    def source() -> Any:
        for i, (t, hours, cut) in enumerate(SCRIPT):
            if t > env.now:
                yield env.timeout(t - env.now)
            proc = env.process(token(i, hours))
            if cut is not None:
                env.process(interrupter(proc, cut))

    env.process(source())
    env.run()
    return log


def test_one_member_queue_is_simpys() -> None:
    assert _run(1, ours=True) == _run(1, ours=False)


def test_two_member_queue_is_simpys() -> None:
    ours = _run(2, ours=True)
    assert ours == _run(2, ours=False)
    assert (1.5, 3, "interrupted") in ours  # interrupted while queueing
    assert any(what == "interrupted" and i == 8 for _t, i, what in ours)


def test_three_member_queue_is_simpys() -> None:
    assert _run(3, ours=True) == _run(3, ours=False)
