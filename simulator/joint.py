"""Several processes in one simulation, sharing resource pools.

:func:`simulate_joint` is the one entry point the scenario layer calls. Each
member process gets its own random root, derived from the replication's seed
and the member's *name*, so a municipality draws the same arrivals and
durations in replication ``i`` whether it is simulated alone or together with
others (common random numbers between "alone" and "joint unit" scenarios).

Shared pools (``{pool: (members, provider)}``):

- ``provider is None`` — a joint unit: the members' pools of that name become one
  pool whose count is the sum of their counts and whose FTE share, cost per hour
  and calendar are the count-weighted FTE mean, the count-weighted cost mean and
  the first member's calendar;
- ``provider`` set — the provider's pool serves every member's lanes of that
  pool; the others' own pool of that name is not used.

Everything else (arrivals, calendars, decision bodies and their meetings) stays
each member's own.
"""

from __future__ import annotations

import zlib
from typing import Any, Mapping, Sequence

import numpy as np

from processes.errors import SimulationError
from simulator.engine import simulate
from simulator.records import SimResult
from simulator.streams import root_sequence

__all__ = ["member_seed", "merged_pool", "simulate_joint"]


def member_seed(seed: np.random.SeedSequence | int, name: str) -> np.random.SeedSequence:
    """The random root of member ``name`` within a replication's ``seed``."""
    root = root_sequence(seed)
    return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, zlib.crc32(name.encode("utf-8"))))


def merged_pool(pools: Sequence[Any]) -> Any:
    """One pool standing for ``pools`` (``processes.params.ResourcePool``) joined into a unit."""
    from dataclasses import replace

    first = pools[0]
    count = sum(p.count for p in pools)
    fte = sum(p.count * p.fte for p in pools) / count
    cost = sum(p.count * p.cost_per_hour for p in pools) / count
    lanes = tuple(dict.fromkeys(lane for p in pools for lane in p.lanes))
    return replace(first, count=count, fte=fte, cost_per_hour=cost, lanes=lanes)


def simulate_joint(
    members: Sequence[tuple[str, Any, Any]],
    *,
    seed: np.random.SeedSequence | int,
    shared_pools: Mapping[str, tuple[tuple[str, ...], str | None]] | None = None,
    keep_records: bool = True,
) -> dict[str, SimResult]:
    """Simulate ``members`` (``(name, process, params)``) in one environment; results by name.

    Without shared pools each member runs on its own (the same as separate runs
    with :func:`member_seed`).
    """
    names = [name for name, _p, _q in members]
    if len(set(names)) != len(names):
        raise SimulationError(f"member names must be unique, got {names}")
    shared = dict(shared_pools or {})
    if not shared:
        return {
            name: simulate(process, params, seed=member_seed(seed, name), keep_records=keep_records)
            for name, process, params in members
        }
    from simulator import engine

    simulate_many = getattr(engine, "simulate_many", None)
    if simulate_many is None:
        raise SimulationError("shared pools need simulator.engine.simulate_many, which this engine lacks")
    return simulate_many(
        [(name, process, params, member_seed(seed, name)) for name, process, params in members],
        shared_pools=shared,
        keep_records=keep_records,
    )
