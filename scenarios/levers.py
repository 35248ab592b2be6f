"""The levers of a goal seek and what a combination of them costs.

A :class:`Candidate` is one combination of the three levers: the number of
officers in the levered pool (``officer`` by default), their FTE share and the
decision level. :func:`lever_sets` turns it into ``set:`` overrides of a base
scenario; :func:`annual_cost` prices it.

**Cost, per year** (kr), the sum over the scenario's processes of

- *staff*: ``count × fte × hours a full-time member works in a year ×
  cost_per_hour`` of the levered pool. The hours are the open hours of the
  pool's calendar in the year the profile starts (holidays, eves and closures
  such as a half-staffed July taken out), both read from the profile; the
  library's ``cost_per_hour`` is Ängelholm's fee rate, 1,160 kr (docs/library.md,
  "The process library, in depth"). ``Costs.hours_per_fte`` and ``Costs.cost_per_hour``
  replace them;
- *decisions*: the profile's expected applications a year × the cost of one
  decision at the candidate's level (:data:`DECISION_COST`, an assumption: no
  source gives what an item on a nämnd's agenda costs; ``Costs.decision_cost``
  replaces it). A decision by an officer or a manager costs nothing extra: its
  work time is already in the officer pool.

Costs that no lever changes (the registry, the other pools) are left out: they
add the same to every candidate.

>>> c = Candidate(officers=2, fte=0.5, level="committee")
>>> c.label
'2 × 0.5 FTE, committee'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from processes.errors import InputError
from processes.frozenclass import frozen_dataclass
from processes.params import DELEGATION_LEVELS, SimParams
from scenarios.study import Scenario
from simulator.resources import WorkCalendar

__all__ = ["Candidate", "Costs", "DECISION_COST", "Levers", "lever_sets", "annual_cost", "default_levers",
           "LeverProblem", "lever_problem", "check_levers", "current_candidate", "full_time_hours", "applications_per_year", "parse_values",
           "levels_of"]
__all__ += ["MAX_CANDIDATES"]

#: the most candidates one goal seek tries (the default grid has 60): ``--officers 1..100000`` built
#: 2,000,000 and ran each, ``1..1e12`` began a list of 10^12: neither had come back after 120 s
MAX_CANDIDATES = 1000

#: kr per decided application at each level (an assumption, see the module docstring): a nämnd item is
#: about a quarter of an hour of some nine members' fees, the secretary and the minutes; an
#: arbetsutskott of three to five members less; a chair signing a delegated decision little
DECISION_COST: Mapping[str, float] = {
    "committee": 2500.0, "working_committee": 1000.0, "chair": 300.0, "manager": 0.0, "officer": 0.0,
}


@frozen_dataclass
class Candidate:
    """One combination of the levers. ``level`` is ``None`` when the process has no decision step."""

    officers: int
    fte: float
    level: str | None

    @property
    def label(self) -> str:
        """``2 × 0.5 FTE, committee``."""
        return f"{self.officers} × {self.fte:g} FTE" + (f", {self.level}" if self.level else "")


@frozen_dataclass
class Costs:
    """How candidates are priced (see the module docstring).

    ``decision_cost``: kr per decided application by level (missing levels:
    :data:`DECISION_COST`); ``hours_per_fte``: a full-time year in hours
    (``None``: from the pool's calendar); ``cost_per_hour``: kr per officer hour
    (``None``: the pool's ``cost_per_hour`` in the profile).
    """

    decision_cost: Mapping[str, float] = field(default_factory=dict)
    hours_per_fte: float | None = None
    cost_per_hour: float | None = None

    def __post_init__(self) -> None:
        for level, kr in self.decision_cost.items():
            if level not in DELEGATION_LEVELS:
                raise InputError(f"decision cost: unknown level '{level}' (expected one of {', '.join(DELEGATION_LEVELS)})")
            if not (math.isfinite(kr) and kr >= 0):
                raise InputError(f"decision cost of {level}: {kr!r} (expected kr >= 0)")
        for name in ("hours_per_fte", "cost_per_hour"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value > 0):
                raise InputError(f"{name.replace('_', ' ')}: {value!r} (expected a number > 0)")

    def per_decision(self, level: str | None) -> float:
        """kr of one decision at ``level``."""
        if level is None:
            return 0.0
        return float(self.decision_cost.get(level, DECISION_COST[level]))


@frozen_dataclass
class Levers:
    """The candidate values of each lever; the candidates are their product."""

    officers: tuple[int, ...]
    fte: tuple[float, ...]
    levels: tuple[str | None, ...]

    def candidates(self) -> tuple[Candidate, ...]:
        """Every combination, officers first, then FTE, then level."""
        return tuple(Candidate(n, f, lv) for n in self.officers for f in self.fte for lv in self.levels)


def _members_with_pool(scenario: Scenario, params: Mapping[str, SimParams], pool: str) -> tuple[str, ...]:
    """The processes whose ``pool`` the officer lever sets (a pool's provider alone when it serves others)."""
    for shared in scenario.shared_pools:
        if shared.pool == pool:
            return (shared.provider,) if shared.provider else shared.members
    missing = [name for name, p in params.items() if pool not in p.pools]
    if missing:
        raise InputError(f"pool '{pool}': {missing[0]} has no such pool (its pools: {', '.join(params[missing[0]].pools)})",
                         file=scenario.source)
    return tuple(params)


def _joined(scenario: Scenario, pool: str) -> bool:
    return any(s.pool == pool and s.provider is None for s in scenario.shared_pools)


def default_levers(scenario: Scenario, params: Mapping[str, SimParams], pool: str) -> Levers:
    """Levers around the profiles' own values: officers from 1 (one per member of a joint unit)
    to one more than today, FTE 0.25, 0.5, 0.75, 1.0 and today's, every level all processes can use."""
    holders = _members_with_pool(scenario, params, pool)
    counts = [params[m].pools[pool].count for m in holders]
    if _joined(scenario, pool):
        officers = tuple(range(len(holders), sum(counts) + 2))
    else:
        officers = tuple(range(1, max(counts) + 2))
    today = {round(params[m].pools[pool].fte, 4) for m in holders}
    fte = tuple(sorted({0.25, 0.5, 0.75, 1.0} | today))
    return Levers(officers, fte, levels_of(params))


def current_candidate(scenario: Scenario, params: Mapping[str, SimParams], pool: str) -> Candidate | None:
    """Today's combination, as the profiles (and the scenario's ``set:``) have it, or ``None`` when the levers
    cannot say it: members with different FTE shares or decision levels (or a level by outcome), or (not a joint
    unit) different counts."""
    holders = _members_with_pool(scenario, params, pool)
    counts = [params[m].pools[pool].count for m in holders]
    fte = {round(params[m].pools[pool].fte, 4) for m in holders}
    decisions = [p.decision for p in params.values()]
    levels = {None} if any(d is None for d in decisions) else {
        level for d in decisions if d is not None for level in (d.delegation, *d.by_outcome.values())}
    if len(fte) != 1 or len(levels) != 1 or (not _joined(scenario, pool) and len(set(counts)) != 1):
        return None
    return Candidate(sum(counts) if _joined(scenario, pool) else counts[0], fte.pop(), levels.pop())


def levels_of(params: Mapping[str, SimParams]) -> tuple[str | None, ...]:
    decisions = [p.decision for p in params.values()]
    if any(d is None for d in decisions):
        return (None,)
    common = [lv for lv in DELEGATION_LEVELS if all(lv in d.bodies for d in decisions if d is not None)]
    return tuple(reversed(common))  # committee first: today's usual level


@frozen_dataclass
class LeverProblem:
    """A lever value the processes cannot take: ``lever`` (officers, fte or levels), the ``value``
    and what is allowed: ``least`` officers (one per member of a joint unit: then above 1), FTE in
    (0, 1], or ``levels`` (empty: a process has no decision step). Worded by the caller."""

    lever: str
    value: Any
    least: int = 1
    levels: tuple[str, ...] = ()


def lever_problem(levers: Levers, scenario: Scenario, params: Mapping[str, SimParams],
                  pool: str) -> LeverProblem | None:
    """The first value of ``levers`` the processes cannot take, or ``None``."""
    holders = _members_with_pool(scenario, params, pool)
    least = len(holders) if _joined(scenario, pool) else 1
    for n in levers.officers:
        if isinstance(n, bool) or not isinstance(n, int) or n < least:
            return LeverProblem("officers", n, least=least)
    for f in levers.fte:
        if not (isinstance(f, (int, float)) and 0.0 < f <= 1.0):
            return LeverProblem("fte", f)
    available = levels_of(params)
    for level in levers.levels:
        if level not in available:
            return LeverProblem("levels", level, levels=tuple(lv for lv in available if lv))
    return None


def check_levers(levers: Levers, scenario: Scenario, params: Mapping[str, SimParams], pool: str) -> None:
    """Refuse a lever value the processes cannot take, in one line (naming the command's options)."""
    if not levers.officers or not levers.fte or not levers.levels:
        raise InputError("every lever needs at least one value (--officers, --fte, --levels)")
    count = len(levers.officers) * len(levers.fte) * len(levers.levels)
    if count > MAX_CANDIDATES:
        raise InputError(f"--officers, --fte, --levels: {len(levers.officers):,} × {len(levers.fte):,} × "
                         f"{len(levers.levels):,} = {count:,} candidates "
                         f"(expected at most {MAX_CANDIDATES:,}: fewer values, or a larger step)")
    problem = lever_problem(levers, scenario, params, pool)
    if problem is None:
        return
    if problem.lever == "officers":
        why = f"a joint unit of {problem.least} needs at least one officer each" if problem.least > 1 else "at least 1"
        raise InputError(f"--officers: {problem.value!r} is outside the allowed range ({why})")
    if problem.lever == "fte":
        raise InputError(f"--fte: {problem.value!r} is outside the allowed range (0, 1]")
    allowed = ", ".join(problem.levels) or "none: the process has no decision step"
    raise InputError(f"--levels: '{problem.value}' is not a decision level of every process (expected {allowed})")


def parse_values(text: str, *, option: str, whole: bool, step: float = 1.0) -> tuple[Any, ...]:
    """A lever's values as written on a command line: ``1,2,4``, ``1..4`` or ``0.5..1.0 step 0.1``
    (``step`` when none is written).

    >>> parse_values("0.5..1.0 step 0.25", option="--fte", whole=False)
    (0.5, 0.75, 1.0)
    >>> parse_values("1..3", option="--officers", whole=True)
    (1, 2, 3)
    """
    def number(word: str) -> float:
        try:
            value = float(word)
        except ValueError:
            raise InputError(f"{option}: {word.strip()!r} is not a number (expected e.g. 1,2,3 or 1..4 or "
                             "0.5..1.0 step 0.1)") from None
        if not math.isfinite(value) or (whole and value != int(value)):
            raise InputError(f"{option}: {word.strip()!r} is not a {'whole number' if whole else 'number'}")
        return value

    text = text.strip()
    if ".." in text:
        span, _, step_text = text.partition(" step ")
        low, _, high = span.partition("..")
        a, b = number(low), number(high)
        s = number(step_text) if step_text else step
        if s <= 0 or b < a:
            raise InputError(f"{option}: {text!r} (expected LOW..HIGH with LOW <= HIGH and a step > 0)")
        count = math.floor((b - a) / s + 1e-9) + 1
        if count > MAX_CANDIDATES:  # refused before the list is built: 1..1e12 would never finish it
            raise InputError(f"{option}: {text!r} gives {count:,} values "
                             f"(expected at most {MAX_CANDIDATES:,}: a narrower range or a larger step)")
        values = [round(a + k * s, 6) for k in range(count)]
    else:
        values = [number(w) for w in text.split(",") if w.strip()]
    if not values:
        raise InputError(f"{option}: no value in {text!r}")
    return tuple(dict.fromkeys(int(v) if whole else float(v) for v in values))


def _split(total: int, parts: int) -> list[int]:
    """``total`` officers over ``parts`` members of a joint unit, as evenly as possible (the merged pool is the same)."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def lever_sets(candidate: Candidate, scenario: Scenario, params: Mapping[str, SimParams],
               pool: str) -> list[tuple[str, Any]]:
    """The ``set:`` overrides (``process.path``, value) that make ``candidate`` of ``scenario``."""
    holders = _members_with_pool(scenario, params, pool)
    counts = _split(candidate.officers, len(holders)) if _joined(scenario, pool) else [candidate.officers] * len(holders)
    sets: list[tuple[str, Any]] = []
    for member, count in zip(holders, counts, strict=True):
        sets += [(f"{member}.simulation.pools.{pool}.count", count), (f"{member}.simulation.pools.{pool}.fte", candidate.fte)]
    if candidate.level is not None:
        sets += [(f"{member}.simulation.decision.delegation", candidate.level) for member in params]
    return sets


def full_time_hours(params: SimParams, pool: str) -> float:
    """Open hours of ``pool``'s calendar for one full-time member in the year the profile starts."""
    spec = params.calendars[params.pools[pool].calendar]
    first = dt.date(params.start.year, 1, 1)
    days = (dt.date(params.start.year + 1, 1, 1) - first).days
    return WorkCalendar(spec, first).open_hours(0.0, days * 24.0)


def applications_per_year(params: SimParams) -> float:
    """Expected applications a year: ``arrivals.per_year``, or the replayed dates over the years they span."""
    if params.arrivals.per_year is not None:
        return float(params.arrivals.per_year)
    dates = params.arrivals.dates
    span = (dates[-1].toordinal() - dates[0].toordinal()) / 365.25 if len(dates) > 1 else 1.0
    return len(dates) / max(span, 1.0)


def annual_cost(candidate: Candidate, scenario: Scenario, params: Mapping[str, SimParams], pool: str,
                costs: Costs) -> tuple[float, float]:
    """(staff kr, decision kr) a year of ``candidate``."""
    holders = _members_with_pool(scenario, params, pool)
    counts = _split(candidate.officers, len(holders)) if _joined(scenario, pool) else [candidate.officers] * len(holders)
    staff = 0.0
    for member, count in zip(holders, counts, strict=True):
        p = params[member]
        rate = costs.cost_per_hour if costs.cost_per_hour is not None else p.pools[pool].cost_per_hour
        if rate <= 0:
            raise InputError(f"pool '{pool}' of {member} has no cost_per_hour: give one (--cost-per-hour)",
                             file=scenario.source)
        hours = costs.hours_per_fte if costs.hours_per_fte is not None else full_time_hours(p, pool)
        staff += count * candidate.fte * hours * rate
    decisions = sum(applications_per_year(p) for p in params.values()) * costs.per_decision(candidate.level)
    return staff, decisions
