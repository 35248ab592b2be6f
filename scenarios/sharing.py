"""Resource pools shared by several processes of one scenario.

Two arrangements are written under ``shared_pools:`` (keyed by the pool's name in
the members' profiles):

- a **joint unit**: the members' pools merge into one pool that serves all their
  cases (``members:``). Its size is the sum of the members' counts, its FTE share
  the count-weighted mean::

      shared_pools:
        officer: {members: [astorp, landskrona, helsingborg]}

- **handled by**: one member's pool serves the other members' cases too, whose
  own pool of that name is not used (``provider:`` + ``serves:``); each member
  keeps its own decision, so Örkelljunga's decision still waits for its own
  working committee::

      shared_pools:
        officer: {provider: angelholm, serves: [klippan, orkelljunga]}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from processes.errors import InputError
from processes.frozenclass import frozen_dataclass

__all__ = ["SharedPool", "parse_shared_pools"]


@frozen_dataclass
class SharedPool:
    """One pool shared by ``members`` (process names).

    ``provider`` is ``None`` for a joint unit (the members' pools merge), or the
    member whose pool serves all the members' cases.
    """

    pool: str
    members: tuple[str, ...]
    provider: str | None = None

    @property
    def served(self) -> tuple[str, ...]:
        """Members whose own pool of this name is replaced by the shared one."""
        return tuple(m for m in self.members if m != self.provider)


def _pool_names(raw: Mapping[str, Any]) -> set[str]:
    pools = ((raw.get("simulation") or {}).get("pools")) or {}
    return set(pools) if isinstance(pools, dict) else set()


def parse_shared_pools(
    block: Any, *, members: Mapping[str, Mapping[str, Any]], source: str, line: int | None
) -> tuple[SharedPool, ...]:
    """Check a ``shared_pools:`` block against the scenario's members' raw profiles."""
    if not isinstance(block, dict):
        raise InputError("shared_pools: expected a mapping of pool name: {members: [...]}", file=source, line=line)
    if block and len(members) < 2:
        raise InputError("shared_pools: needs several processes in base: (a list)", file=source, line=line)
    shared = []
    claimed: dict[tuple[str, str], str] = {}
    for pool, spec in block.items():
        where = f"shared_pools.{pool}"
        if not isinstance(spec, dict) or set(spec) not in ({"members"}, {"provider", "serves"}):
            raise InputError(
                f"{where}: {spec!r} (expected {{members: [names]}} or {{provider: name, serves: [names]}})",
                file=source,
                line=line,
            )
        if "members" in spec:
            names, provider = spec["members"], None
        else:
            provider = spec["provider"]
            names = [provider, *(spec["serves"] if isinstance(spec["serves"], list) else [spec["serves"]])]
        if not isinstance(names, list) or len(names) < 2:
            raise InputError(f"{where}: at least two processes share a pool, not {names!r}", file=source, line=line)
        for name in names:
            if name not in members:
                raise InputError(
                    f"{where}: '{name}' is not in base: (expected one of {', '.join(members)})",
                    file=source,
                    line=line,
                )
            if pool not in _pool_names(members[name]):
                raise InputError(
                    f"{where}: {name} has no pool '{pool}' (its pools: {', '.join(sorted(_pool_names(members[name])))})",
                    file=source,
                    line=line,
                )
            if (name, pool) in claimed:
                raise InputError(f"{where}: {name}'s pool '{pool}' is already shared", file=source, line=line)
            claimed[(name, pool)] = str(pool)
        shared.append(SharedPool(str(pool), tuple(map(str, names)), provider))
    return tuple(shared)
