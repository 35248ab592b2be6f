"""Resolved scenarios and studies, and the one function that builds a scenario.

:func:`build_scenario` turns bases, run settings, ``set:`` overrides and a
``sweep:`` grid into a :class:`Scenario` whose every point holds each process's
profile with all overrides applied and checked. The scenario file loader
(:mod:`scenarios.loader`) and ``permitflow simulate``'s options
(:mod:`scenarios.options`) both build scenarios through it, so the same inputs
give the same scenario whichever road they came by.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from bpmn_io.profile_values import shown_value
from processes.errors import InputError
from processes.frozenclass import frozen_dataclass
from processes.numbers import number
from scenarios.bases import Base
from scenarios.overrides import Override, apply_member_overrides, member_path
from scenarios.settings import Origin, RunSettings
from scenarios.sharing import SharedPool

__all__ = ["Member", "SweepPoint", "Scenario", "Study", "build_scenario", "RUN_KEYS"]

#: the profile keys under ``simulation:`` that common random numbers need equal in a baseline
RUN_KEYS = ("start", "horizon", "cases", "warmup")
#: the most points one scenario's sweep may have (each is a whole profile, checked before anything runs)
MAX_SWEEP_POINTS = 10_000


@frozen_dataclass
class Member:
    """One process of a scenario point: its base as read, and its profile with the overrides applied."""

    base: Base
    profile: Mapping[str, Any]

    @property
    def name(self) -> str:
        """The process's name (``helsingborg``, or a base's ``name:``)."""
        return self.base.name

    @property
    def bpmn(self) -> str:
        """The BPMN text of the process."""
        return self.base.bpmn

    @property
    def bpmn_source(self) -> str:
        """Where the BPMN came from."""
        return self.base.bpmn_source

    @property
    def profile_source(self) -> str:
        """The profile file the overrides were applied to."""
        return self.base.profile_source

    def run_values(self) -> dict[str, Any]:
        """The resolved start date, horizon or cases, and warm-up, as written (``warmup`` default ``0h``)."""
        simulation = self.profile.get("simulation") or {}
        out = {key: simulation.get(key) for key in RUN_KEYS}
        if isinstance(out["start"], dt.date):
            out["start"] = out["start"].isoformat()
        if out["warmup"] is None:
            out["warmup"] = "0h"
        return out


@frozen_dataclass
class SweepPoint:
    """One point of a sweep grid (the only point, labelled ``""``, without a sweep).

    ``overrides`` are every value set in this point's profiles, with where each was written.
    """

    label: str
    values: tuple[tuple[str, Any], ...]
    members: tuple[Member, ...]
    overrides: tuple[Override, ...] = ()

    def origin_of(self, member: str, path: str) -> Override | None:
        """The last override of ``member`` that set ``path``, a key above it or a key below it."""
        found = None
        for o in self.overrides:
            if o.member == member and (path == o.path or path.startswith(o.path + ".")
                                       or o.path.startswith(path + ".")):
                found = o
        return found


@frozen_dataclass
class Scenario:
    """A resolved what-if scenario: every point's profiles are parsed and valid."""

    name: str
    question: str
    source: str
    points: tuple[SweepPoint, ...]
    settings: RunSettings
    sweep: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    shared_pools: tuple[SharedPool, ...] = ()
    baseline: str | None = None
    baseline_line: int | None = None
    #: the question in Swedish when the file gives it in both languages (``question: {en: ..., sv: ...}``);
    #: "" when ``question`` is the only text, in whatever language it was written
    question_sv: str = ""
    #: the line of ``name:`` in ``source`` (or the scenario's first line when the file's name names it)
    name_line: int | None = None

    @property
    def member_names(self) -> tuple[str, ...]:
        """The names of the processes simulated together."""
        return tuple(m.name for m in self.points[0].members)

    @property
    def replications(self) -> int:
        """Replications of every point."""
        return self.settings.replications

    @property
    def seed(self) -> int:
        """The seed: replication ``i`` uses the ``i``-th child of ``SeedSequence(seed)``."""
        return self.settings.seed

    @property
    def outputs(self) -> tuple[str, ...]:
        """What the batch writes for this scenario (``summary`` always)."""
        return self.settings.outputs

    def with_replications(self, replications: int, origin: Origin) -> Scenario:
        """This scenario with ``replications`` set by ``origin`` (``--replications``)."""
        return replace(self, settings=self.settings.with_replications(replications, origin))


@frozen_dataclass
class Study:
    """A named set of scenarios, plus the municipalities diffed in the report."""

    name: str
    title: str
    source: str
    scenarios: tuple[Scenario, ...]
    compare: tuple[str, ...] = ()
    #: the title in Swedish when the study file gives it in both languages; "" when ``title`` is the only one
    title_sv: str = ""

    def with_replications(self, replications: int, origin: Origin) -> Study:
        """Every scenario with ``replications`` set by ``origin``."""
        return replace(self, scenarios=tuple(s.with_replications(replications, origin) for s in self.scenarios))


def _label(values: tuple[tuple[str, Any], ...]) -> str:
    return ", ".join(f"{path}={value}" for path, value in values)


def _first_repeated(values: Sequence[Any]) -> int | None:
    """The index of the first of ``values`` equal to an earlier one (``1`` and ``1.0`` are equal; ``true``
    and ``1`` are not: Python's ``True == 1`` would report a value the user gave once), else ``None``."""
    typed = [(isinstance(value, bool), value) for value in values]
    return next((i for i, value in enumerate(typed) if value in typed[:i]), None)


def build_scenario(
    *,
    name: str,
    question: str,
    source: str,
    bases: Sequence[Base],
    settings: RunSettings,
    sets: Sequence[tuple[str, Any, Origin]] = (),
    sweep: Sequence[tuple[str, Sequence[Any], Origin]] = (),
    shared_pools: tuple[SharedPool, ...] = (),
    baseline: str | None = None,
    baseline_line: int | None = None,
    question_sv: str = "",
) -> Scenario:
    """Apply ``settings`` (horizon, cases, warm-up), then ``sets``, then each sweep point's
    values to every base's profile, in that order, and check every result.

    ``sets`` and ``sweep`` hold paths as written (see :mod:`scenarios.overrides`),
    with the file and line (or option) that wrote them.
    """
    names = tuple(b.name for b in bases)
    if not names:
        raise InputError("base: no process to simulate", file=source)
    if len(set(names)) != len(names):
        raise InputError(f"base: a process is named twice in {list(names)}", file=source)
    fixed: list[Override] = []
    for key, value in settings.given.items():
        origin = settings.origin(key)
        fixed += [Override(key, member, f"simulation.{key}", value, origin, key) for member in names]
    for written, value, origin in sets:
        member, path = member_path(written, names, origin)
        fixed.append(Override(written, member, path, value, origin, "set"))
    grid: list[tuple[str, str, str, tuple[Any, ...], Origin]] = []
    for written, values, origin in sweep:
        if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not values:
            raise InputError(f"sweep {written}: expected a non-empty list of values, not {shown_value(values)}",
                             file=origin.source, line=origin.line)
        twice = _first_repeated(values)
        if twice is not None:
            raise InputError(f"sweep {written}: the value {shown_value(values[twice])} is given twice; it would run the same point "
                             "twice (expected each value once)", file=origin.source, line=origin.line)
        member, path = member_path(written, names, origin)
        grid.append((written, member, path, tuple(values), origin))
    size = math.prod(len(values) for *_rest, values, _o in grid)
    if size > MAX_SWEEP_POINTS:
        first = grid[0][4]
        # grouped as the run's count of work units is ("the limit is 5,000 work units")
        raise InputError(f"sweep: {number(size, 'en')} points (the product of the value lists; the limit is "
                         f"{number(MAX_SWEEP_POINTS, 'en')})",
                         file=first.source, line=first.line)
    points = []
    for combo in itertools.product(*(values for *_rest, values, _o in grid)):
        swept = [Override(w, m, p, v, o, "sweep") for (w, m, p, _vs, o), v in zip(grid, combo, strict=True)]
        overrides = tuple(fixed + swept)
        members = tuple(
            Member(b, apply_member_overrides(b.profile, [o for o in overrides if o.member == b.name]))
            for b in bases
        )
        values = tuple((o.written, o.value) for o in swept)
        points.append(SweepPoint(_label(values), values, members, overrides))
    return Scenario(
        name=name,
        question=question,
        source=source,
        points=tuple(points),
        settings=settings,
        sweep=tuple((w, vs) for w, _m, _p, vs, _o in grid),
        shared_pools=shared_pools,
        baseline=baseline,
        baseline_line=baseline_line,
        question_sv=question_sv,
    )
