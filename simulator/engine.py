"""The discrete-event engine: cases flow as tokens through a compiled process on simpy.

:func:`simulate` checks the process (:func:`simulator.compiler.compile_process`),
builds one simpy environment, feeds it arrivals and runs it until every case
has finished (or cannot). It returns a :class:`simulator.records.SimResult`:
plain records, and a streaming :class:`simulator.stats.Summary` whose size does
not grow with the number of cases.

Each token is a small simpy process (:meth:`simulator.replication.Run.token`) that executes a node,
then routes through the precomputed tables of its :class:`simulator.tokens.CompiledNode`. Work
for a pool waits FIFO for a member, then runs inside the pool's work calendar
(:mod:`simulator.resources`); a decision at a meeting waits for the first meeting
whose agenda cut-off the case made (:mod:`simulator.decisions`).

A model that cannot finish ends with a :class:`SimulationError` instead of a
hang: a case whose tokens all wait at joins that can no longer fire is stuck
(reported at the end of the run), and a case that executes more than
``max_steps`` nodes (a loop taken with probability 1) stops the run at once.

This module holds the entry points and the event loop that drives a run; one run, its tokens and
arrivals, is :mod:`simulator.replication`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from heapq import heappop
from typing import Any

import numpy as np

from processes.errors import SimulationError
from processes.model import Process
from processes.params import SimParams
from simulator.compiler import compile_process
from simulator.records import SimResult
from simulator.replication import Run
from simulator.resources import merged_pool, pool_schedules
from simulator.simpyimport import simpy
from simulator.streams import root_sequence
from simulator.workplace import PoolAtWork

__all__ = ["simulate", "simulate_many", "DEFAULT_MAX_STEPS", "run_until"]

#: nodes one case may execute before the run is stopped as a runaway loop
DEFAULT_MAX_STEPS = 10_000

# simpy's own, from the submodules simulator.simpyimport has loaded (not through the package's __init__)
StopSimulation = simpy.core.StopSimulation
URGENT = simpy.events.URGENT


def simulate(
    process: Process,
    params: SimParams,
    *,
    seed: np.random.SeedSequence | int,
    cases: int | None = None,
    keep_records: bool = True,
    max_steps: int = DEFAULT_MAX_STEPS,
    exact: bool = False,
) -> SimResult:
    """Simulate ``process`` with ``params`` and return its records and summary.

    ``cases`` overrides the number of applications (otherwise ``params.cases``
    or the arrivals within ``params.horizon``). ``keep_records=False`` keeps only
    the streaming summary, so memory does not grow with the number of cases;
    with ``exact=True`` as well, that summary's figures are those computed from the
    records, to the last bit (every duration is kept, the cases are added in case
    order at the end), without making a record object.
    The same ``seed`` gives identical records. Raises :class:`SimulationError`
    before the run for an element that cannot be simulated, and after it for
    cases that cannot finish.
    """
    compiled = compile_process(process, params)
    run = Run(compiled, params, root_sequence(seed), keep_records=keep_records, max_steps=max_steps, exact=exact,
              process=process)
    run.begin(cases)
    _run_env(run.env, run.stop)
    return run.finish()


def _run_env(env: simpy.Environment, until: Any) -> None:
    """``env.run(until=until)``, re-raising a SimulationError from a process as itself (simpy raises
    a copy made from the message only, losing the element and path)."""
    try:
        run_until(env, until)
    except SimulationError as err:
        if isinstance(err.__cause__, SimulationError):
            raise err.__cause__ from None
        raise


def run_until(env: simpy.Environment, until: simpy.Event) -> None:
    """simpy 4's ``Environment.run(until=event)`` with its ``step`` inlined: the same events processed
    in the same order, the same errors, without a method call per event (``_run_env``'s loop runs once
    per simpy event of the run)."""
    if until.callbacks is None:  # already processed
        return
    until.callbacks.append(StopSimulation.callback)
    queue = env._queue  # type: ignore[attr-defined]
    try:
        while queue:
            env._now, _, _, event = heappop(queue)  # type: ignore[attr-defined]
            callbacks, event.callbacks = event.callbacks, None  # type: ignore[assignment]
            try:
                if len(callbacks) == 1:  # type: ignore[arg-type]  # the usual event: one waiting process, no iterator
                    callback = callbacks[0]  # type: ignore[index]
                    callback(event)
                else:
                    for callback in callbacks:  # type: ignore[union-attr]
                        callback(event)
            except StopSimulation:  # as step: the rest of the callbacks go with the event, rescheduled
                event.callbacks = callbacks[callbacks.index(callback) + 1:]  # type: ignore[index]
                env.schedule(event, URGENT - 1)  # type: ignore[arg-type]
                raise
            if not event._ok and not hasattr(event, "_defused"):  # a failure no one handled: the run stops
                value = event._value
                exc = type(value)(*value.args)
                exc.__cause__ = value
                raise exc
    except StopSimulation:
        return
    raise RuntimeError(f'No scheduled events left but "until" event was not triggered: {until}')


def simulate_many(
    members: Sequence[tuple[str, Process, SimParams, np.random.SeedSequence | int]],
    *,
    shared_pools: Mapping[str, tuple[tuple[str, ...], str | None]],
    keep_records: bool = True,
    max_steps: int = DEFAULT_MAX_STEPS,
    exact: bool = False,
) -> dict[str, SimResult]:
    """Simulate several processes ``(name, process, params, seed)`` in one environment.

    ``shared_pools`` maps a pool name to ``(member names, provider)``: with no
    provider the members' pools of that name become one joint pool
    (:func:`simulator.resources.merged_pool`); with a provider, the provider's pool
    serves every listed member. Each member's result reports the shared pool's
    whole capacity and the work *its* cases took from it. ``keep_records`` and ``exact``:
    as :func:`simulate`.
    """
    env = simpy.Environment(initial_time=0.0)
    by_name = {name: params for name, _process, params, _seed in members}
    shared: dict[str, dict[str, PoolAtWork]] = {name: {} for name in by_name}
    for pool, (names, provider) in shared_pools.items():
        unknown = [n for n in (*names, *( [provider] if provider else [])) if n not in by_name]
        if unknown:
            raise SimulationError(f"shared pool {pool!r} names unknown member(s) {', '.join(unknown)}")
        missing = [n for n in ((provider,) if provider else names) if pool not in by_name[n].pools]
        if missing:
            raise SimulationError(f"shared pool {pool!r}: member(s) {', '.join(missing)} have no pool of that name")
        if provider:
            base = by_name[provider]
        else:
            joint = merged_pool([by_name[n].pools[pool] for n in names])
            base = replace(by_name[names[0]], pools=by_name[names[0]].pools.set(pool, joint))
        at_work = PoolAtWork(env, pool_schedules(base)[pool])
        for n in (*names, *((provider,) if provider else ())):
            shared[n][pool] = at_work
    runs = []
    for name, process, params, seed in members:
        compiled = compile_process(process, params)
        run = Run(compiled, params, root_sequence(seed), keep_records=keep_records, max_steps=max_steps, exact=exact,
                  env=env, shared=shared[name], process=process)
        run.begin(None)
        runs.append((name, run))
    _run_env(env, env.all_of([run.stop for _name, run in runs]))
    return {name: run.finish() for name, run in runs}
