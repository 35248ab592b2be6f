"""The floor: a hand-written simpy M/M/1 doing the same work as the engine's M/M/1 BPMN.

One process per customer: request the server, hold it for an exponential
service time, release; arrivals and services each from their own numpy stream
drawn in blocks (as the engine does), the waits summed for the mean. No BPMN,
no records: what any simpy model of M/M/1 must at least do.

:func:`mm1_summary` is the same model keeping the figures the engine keeps in a
summary-only run (a :class:`simulator.stats.Summary`: the step's and the pool's
accumulators per service, a histogram bin per case), fed as the engine's recorder
feeds it: the floor plus the engine's bookkeeping, to show what the rest costs.
"""

from __future__ import annotations

import itertools

import numpy as np
import simpy

__all__ = ["mm1", "mm1_summary"]


def _stream(rng: np.random.Generator, mean: float) -> itertools.chain:
    return itertools.chain.from_iterable(iter(lambda: rng.exponential(mean, 256).tolist(), None))


def mm1(cases: int, *, arrival_mean: float = 2.0, service_mean: float = 1.0, seed: int = 1) -> dict[str, float]:
    """Run ``cases`` customers; return the mean wait in queue and the number of simpy events."""
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    gaps = _stream(np.random.default_rng([seed, 1]), arrival_mean)
    services = _stream(np.random.default_rng([seed, 2]), service_mean)
    total_wait = [0.0]

    def customer() -> object:
        arrived = env.now
        with server.request() as request:
            yield request
            total_wait[0] += env.now - arrived
            yield env.timeout(next(services))

    def source() -> object:
        for _ in range(cases):
            yield env.timeout(next(gaps))
            env.process(customer())

    env.process(source())
    env.run()
    return {"mean_wait": total_wait[0] / cases, "now": env.now}


def mm1_summary(cases: int, *, arrival_mean: float = 2.0, service_mean: float = 1.0, seed: int = 1) -> object:
    """:func:`mm1` feeding the engine's streaming summary per customer, as
    ``simulator.recorder.Recorder`` does with ``keep_records=False``; returns the summary."""
    from simulator.stats import Summary

    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    gaps = _stream(np.random.default_rng([seed, 1]), arrival_mean)
    services = _stream(np.random.default_rng([seed, 2]), service_mean)
    summary = Summary(0.0, clock_starts_at_arrival=True)
    add_work, add_case = summary.add_work, summary.add_case

    def customer() -> object:
        arrived = env.now
        with server.request() as request:
            yield request
            start = env.now
            hours = next(services)
            yield env.timeout(hours)
            add_work("server", arrived, start, env.now, hours, "Task_Serve")
        add_case(arrived, arrived, env.now, env.now, "End", False)

    def source() -> object:
        for _ in range(cases):
            yield env.timeout(next(gaps))
            env.process(customer())
        summary.set_window_end(env.now)

    env.process(source())
    env.run()
    return summary
