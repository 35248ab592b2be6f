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

With shared pools the members run together in one simpy environment through the
engine's public :func:`simulator.engine.simulate_many`, so token semantics,
calendars and decisions are exactly the engine's.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence

import numpy as np

from processes.errors import SimulationError
from processes.model import Process
from processes.params import SimParams
from simulator.engine import DEFAULT_MAX_STEPS, simulate, simulate_many
from simulator.records import SimResult
from simulator.resources import merged_pool
from simulator.streams import root_sequence

__all__ = ["member_seed", "merged_pool", "simulate_joint"]


def member_seed(seed: np.random.SeedSequence | int, name: str) -> np.random.SeedSequence:
    """The random root of member ``name`` within a replication's ``seed``."""
    root = root_sequence(seed)
    return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, zlib.crc32(name.encode("utf-8"))))


def simulate_joint(
    members: Sequence[tuple[str, Process, SimParams]],
    *,
    seed: np.random.SeedSequence | int,
    shared_pools: Mapping[str, tuple[tuple[str, ...], str | None]] | None = None,
    keep_records: bool = True,
    max_steps: int = DEFAULT_MAX_STEPS,
    exact: bool = False,
) -> dict[str, SimResult]:
    """Simulate ``members`` (``(name, process, params)``) and return each one's result by name.

    Without shared pools each member runs on its own (exactly :func:`simulate`
    with :func:`member_seed`). With shared pools all members run in one simpy
    environment: each has its own arrivals, calendars, decision bodies and
    records; a shared pool is one queue serving every member's cases. A
    member's ``utilisation.<pool>`` of a shared pool is the share of the whole
    pool's time spent on that member's cases (the members' shares add up to
    the pool's utilisation); its cost counts only its own cases' work.
    ``keep_records`` and ``exact``: as :func:`simulator.engine.simulate`.
    """
    names = [name for name, _p, _q in members]
    if len(set(names)) != len(names):
        raise SimulationError(f"member names must be unique, got {names}")
    shared = dict(shared_pools or {})
    if not shared:
        results = {}
        for name, process, params in members:
            try:
                results[name] = simulate(process, params, seed=member_seed(seed, name), keep_records=keep_records,
                                         max_steps=max_steps, exact=exact)
            except SimulationError as error:
                if len(members) > 1:
                    error.message = f"{name}: {error.message}"  # which of the processes failed
                raise
        return results
    starts = {params.start for _n, _p, params in members}
    if len(starts) > 1:
        raise SimulationError(f"processes sharing pools must start on the same date, not {sorted(map(str, starts))}")
    for pool, (pool_members, provider) in shared.items():
        for name in (*pool_members, *((provider,) if provider else ())):
            if name not in names:
                raise SimulationError(f"shared pool '{pool}': no member named '{name}' (members: {', '.join(names)})")
        for name, _process, params in members:
            if name in pool_members and pool not in params.pools:
                raise SimulationError(f"shared pool '{pool}': member '{name}' has no such pool")
    try:
        return simulate_many(
            [(name, process, params, member_seed(seed, name)) for name, process, params in members],
            shared_pools=shared, keep_records=keep_records, exact=exact, max_steps=max_steps,
        )
    except SimulationError as error:
        if len(members) > 1:
            error.message = f"in a joint run of {', '.join(names)}: {error.message}"
        raise
