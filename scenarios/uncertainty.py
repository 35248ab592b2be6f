"""How sure we are: every scenario run again over the ranges of its assumptions.

An uncertainty run samples every factor of :mod:`scenarios.assumptions` jointly
with a scrambled Latin hypercube (:class:`scipy.stats.qmc.LatinHypercube`,
seeded), and turns each sample (an *assumption point*) into one variant of
every scenario of a study (named ``<scenario>~u<k>``) whose profiles carry
the sampled values. Each variant keeps its scenario's seed and replications, so
replication ``i`` draws the same random numbers at every point and in the
baseline (common random numbers): the spread over points is the assumptions',
not new noise. The variants are one study, planned and run on the one road
(:mod:`scenarios.road`: any executor, the cache), so the result is
byte-identical for any number of workers.

:func:`analyse` says, per scenario, process and figure:

- the interval under simulation noise only (the scenario as written, Student t),
  and under noise and assumptions (2.5-97.5 % of the point estimates);
- for a scenario with a baseline, whether its conclusion holds across the
  ranges: the direction of the nominal paired difference, the share of points
  that agree and the least change in that direction at any point ("saves at
  least N days"); it holds when the nominal difference's interval excludes zero
  and every point agrees;
- which assumptions drive it (of those that move a value of the scenario or its
  baseline): Spearman rank correlation and standardized
  regression coefficients of the point results on the sampled quantiles, and
  the tornado bars (mean result with the factor in its lowest and highest quarter).

The statistics over the points (spread, conclusions, drivers) are :mod:`scenarios.sensitivity`; what was
sampled how, in words, is :mod:`scenarios.samplingwords` (:func:`sampling_words`, importable from here too).

>>> from scenarios.loader import read_any
>>> plan = plan_uncertainty(read_any(["scenarios/status-quo.yaml"]), points=2, seed=1)
>>> [s.name for s in plan.study.scenarios]
['status-quo~u00', 'status-quo~u01']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from bpmn_io.profile_values import ANNOTATION_KEYS, INTERVAL_KEY
from scenarios.assumptions import Factor, bases, factor_values, range_of, read_factors
from scenarios.bases import Base
from scenarios.batch import BatchResults, PointResults
from scenarios.road import execute, prepare
from scenarios.samplingwords import sampling_words
from scenarios.sensitivity import conclusion, factor_drivers, num, spread
from scenarios.settings import Origin
from scenarios.study import Scenario, Study, build_scenario
from simulator.runner import ResultCache

__all__ = [
    "FIGURES",
    "UncertaintyPlan",
    "plan_uncertainty",
    "run_uncertainty",
    "analyse",
    "variant_name",
    "sampling_words",
]

#: the figures an uncertainty run reports (per process)
FIGURES = (
    "complete_to_decision_mean_days",
    "submission_to_decision_mean_days",
    "within_deadline_share",
    "complete_to_decision_p90_days",
    "cost_per_case",
)


def variant_name(scenario: str, k: int, points: int) -> str:
    """The name of ``scenario`` at assumption point ``k``."""
    return f"{scenario}~u{k:0{max(2, len(str(points - 1)))}d}"


@dataclass(frozen=True, slots=True)
class UncertaintyPlan:
    """The variant study and how it was made.

    ``quantiles[k][j]`` is factor ``j``'s quantile at point ``k``; ``applied[(scenario,
    k)]`` the overrides per process, ``(member, path, value)``; ``varied[scenario]`` the
    names of the factors that moved a value of the scenario or its baseline at some point
    (the only ones that can drive its figures).
    """

    nominal: Study
    study: Study
    factors: tuple[Factor, ...]
    quantiles: tuple[tuple[float, ...], ...]
    seed: int
    applied: Mapping[tuple[str, int], tuple[tuple[str, str, Any], ...]]
    varied: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def points(self) -> int:
        """Assumption points."""
        return len(self.quantiles)


def _design(d: int, n: int, seed: int) -> tuple[tuple[float, ...], ...]:
    from scipy.stats import qmc

    sample = qmc.LatinHypercube(d=d, seed=np.random.default_rng(seed)).random(n)
    return tuple(tuple(round(float(u), 12) for u in row) for row in sample)


def _without_provenance(doc: Any) -> Any:
    if isinstance(doc, Mapping):
        return {k: _without_provenance(v) for k, v in doc.items() if k not in ANNOTATION_KEYS}
    if isinstance(doc, list):
        return [_without_provenance(v) for v in doc]
    return doc


def _plain(base: Base) -> Base:
    """``base`` with its profile's sources, assumptions and notes left out: the simulation does not
    read them, and 64 variants of each profile are written, hashed and parsed as text."""
    return replace(base, profile=_without_provenance(base.profile))


def _variant(scenario: Scenario, k: int, points: int, quantiles: Sequence[float], factors: Sequence[Factor],
             ) -> tuple[Scenario, tuple[tuple[str, str, Any], ...], set[str]]:
    first = scenario.points[0]
    own = [o for o in first.overrides if o.what == "set"]

    def lever_of(member: str) -> Callable[[str], bool]:
        def lever(path: str) -> bool:
            o = first.origin_of(member, path)
            return o is not None and o.what in ("set", "sweep")
        return lever

    applied: list[tuple[str, str, Any]] = []
    moved: set[str] = set()
    for m in first.members:
        lever = lever_of(m.name)
        for factor, u in zip(factors, quantiles, strict=True):
            values = factor_values(factor, u, m.name, m.profile, lever=lever)
            applied += [(m.name, path, value) for path, value in values]
            if values:
                moved.add(factor.name)
    origin = Origin(f"{scenario.source} (assumption point {k})")
    sets = [(o.written, o.value, o.origin) for o in own] + [(f"{m}.{p}", v, origin) for m, p, v in applied]
    # the analysis describes a scenario at its first sweep point: the variants run that point only
    sweep = [(path, values[:1], origin) for path, values in scenario.sweep]
    variant = build_scenario(
        name=variant_name(scenario.name, k, points), question=scenario.question, source=scenario.source,
        bases=[_plain(m.base) for m in first.members], settings=scenario.settings, sets=sets, sweep=sweep,
        shared_pools=scenario.shared_pools,
        baseline=variant_name(scenario.baseline, k, points) if scenario.baseline else None,
        baseline_line=scenario.baseline_line, question_sv=scenario.question_sv,
    )
    return variant, tuple(applied), moved


def _check_ranges(scenario: Scenario, factors: Sequence[Factor]) -> None:
    """A range a profile states itself (``plausible range X-Y``) must run upward: an inverted one
    was sampled backwards (its drivers' signs turned round) and an empty one sampled nothing."""
    first = scenario.points[0]
    for m in first.members:
        for factor in factors:
            where = factor.spec.get("range_from_text")
            path = str(factor.spec.get("path", ""))
            origin = first.origin_of(m.name, path)
            if not where or bases(factor, m.name, m.profile).get(path, ("assumed", None))[0] != "assumed" or (
                    origin is not None and origin.what in ("set", "sweep")):
                continue  # a value fitted or measured is not sampled over the profile's range
            own = range_of(factor, m.profile)
            if own is not None and not own[0] < own[1]:
                from processes.errors import InputError

                raise InputError(
                    f"{where}: plausible range {own[0]:g}-{own[1]:g} is {'inverted' if own[0] > own[1] else 'empty'} "
                    f"(expected a low end below the high end: --uncertainty samples {factor.words_en} over it)",
                    file=m.base.profile_source, line=m.base.line(tuple(str(where).split("."))))


def plan_uncertainty(study: Study, *, points: int = 64, seed: int = 2025,
                     factors: Sequence[Factor] | None = None) -> UncertaintyPlan:
    """Every scenario of ``study`` at ``points`` assumption points (a Latin hypercube seeded by ``seed``).

    Refused (:class:`~processes.errors.InputError`): fewer than 2 points, a profile's own range that
    is empty or inverted, and a scenario (with its baseline) that has no assumption to sample.
    """
    from processes.errors import InputError

    if points < 2:
        raise InputError(f"--points: {points} (expected at least 2 assumption points)")
    factors = tuple(factors if factors is not None else read_factors())
    for scenario in study.scenarios:
        _check_ranges(scenario, factors)
    quantiles = _design(len(factors), points, seed)
    names = {s.name for s in study.scenarios}
    variants: list[Scenario] = []
    applied: dict[tuple[str, int], tuple[tuple[str, str, Any], ...]] = {}
    moved: dict[str, set[str]] = {}
    for scenario in study.scenarios:
        if scenario.baseline and scenario.baseline not in names:
            scenario = Scenario(scenario.name, scenario.question, scenario.source, scenario.points, scenario.settings,
                                scenario.sweep, scenario.shared_pools, None, None, scenario.question_sv)
        moved[scenario.name] = set()
        for k, row in enumerate(quantiles):
            variant, applied[(scenario.name, k)], by = _variant(scenario, k, points, row, factors)
            moved[scenario.name] |= by
            variants.append(variant)
    order = [f.name for f in factors]
    varied: dict[str, tuple[str, ...]] = {}
    for scenario in study.scenarios:
        both = moved[scenario.name] | (moved.get(scenario.baseline, set()) if scenario.baseline else set())
        if not both:
            # every point would be the scenario as written: the report would call noise "assumptions"
            raise InputError(
                f"scenario '{scenario.name}' has no assumption to sample: the profiles of "
                f"{', '.join(scenario.member_names)} hold none of the {len(factors)} assumptions of "
                "scenarios/data/assumption-ranges.yaml that the scenario does not set itself "
                "(--uncertainty needs at least one)",
                file=scenario.source)
        varied[scenario.name] = tuple(n for n in order if n in both)
    variant_study = Study(f"{study.name}-uncertainty", study.title, study.source, tuple(variants), study.compare,
                          study.title_sv)
    return UncertaintyPlan(study, variant_study, factors, quantiles, seed, applied, varied)


def run_uncertainty(
    study: Study,
    *,
    points: int = 64,
    seed: int = 2025,
    executor: Executor | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
    nominal: BatchResults | None = None,
    workers: int | None = None,
    ahead: int | None = None,
) -> dict[str, Any]:
    """Plan, run (nominal scenarios too unless ``nominal`` is given) and :func:`analyse`.

    The analysis reads figures only: the units make no case rows (and keep no records).
    ``workers``, ``ahead``: as :func:`scenarios.road.execute` takes them (the schedule only)."""
    uplan = plan_uncertainty(study, points=points, seed=seed)
    if nominal is None:
        nominal = execute(prepare(study, case_rows=False), executor=executor, cache=cache, progress=progress,
                          workers=workers, ahead=ahead)
    batch = execute(prepare(uplan.study, case_rows=False), executor=executor, cache=cache, progress=progress,
                    workers=workers, ahead=ahead)
    return analyse(uplan, batch, nominal)


# --------------------------------------------------------------------------- analysis


def _point_means(batch: BatchResults) -> dict[tuple[str, int], PointResults]:
    return {(p.scenario.name, p.index): p for p in batch.points}


def _figure_names(point: Any) -> list[str]:
    members = point.scenario.member_names
    return [f"{m}/{f}" for m in members for f in FIGURES if f"{m}/{f}" in point.summary.figures]


def analyse(uplan: UncertaintyPlan, batch: BatchResults, nominal: BatchResults) -> dict[str, Any]:
    """The uncertainty document (``uncertainty.json``): design, factors, and per scenario the
    figures' intervals, the conclusions and their drivers. Plain data."""
    u = np.asarray(uplan.quantiles, dtype=float)
    by_point = _point_means(batch)
    nominal_points = _point_means(nominal)
    scenarios: dict[str, Any] = {}
    for scenario in uplan.nominal.scenarios:
        nom = nominal_points.get((scenario.name, 0))
        found = [by_point.get((variant_name(scenario.name, k, uplan.points), 0)) for k in range(uplan.points)]
        variants = [v for v in found if v is not None]
        if nom is None or len(variants) != len(found):
            continue
        figures: dict[str, Any] = {}
        conclusions: dict[str, Any] = {}
        drivers: dict[str, Any] = {}
        # a factor that moved nothing here would show a chance correlation as a driver
        varied = uplan.varied.get(scenario.name, tuple(f.name for f in uplan.factors))
        columns = [j for j, f in enumerate(uplan.factors) if f.name in varied]
        driving = [uplan.factors[j] for j in columns]
        for figure in _figure_names(nom):
            means = np.asarray([v.summary.figures[figure].mean if figure in v.summary.figures else math.nan
                              for v in variants], dtype=np.float64)
            est = nom.summary.figures[figure]
            figures[figure] = {
                "noise": {"mean": num(est.mean), "ci": [num(est.low), num(est.high)],
                          **({"cut": est.cut} if est.cut else {})},
                "noise_and_assumptions": spread(means),
                "points": [num(m) for m in means],
            }
            target = means
            if nom.comparison is not None:
                diff = {d.figure: d for d in nom.comparison.differences}.get(figure)
                diffs = np.asarray([
                    next((d.mean for d in v.comparison.differences if d.figure == figure), math.nan)
                    if v.comparison is not None else math.nan for v in variants], dtype=np.float64)
                conclusions[figure] = {**conclusion(figure, diff, diffs), "differences": [num(d) for d in diffs]}
                target = diffs
            drivers[figure] = factor_drivers(driving, u[:, columns], target)
        scenarios[scenario.name] = {
            "question": scenario.question,
            "point": scenario.points[0].label,  # a swept scenario: its first sweep point
            "baseline": scenario.baseline,
            "members": list(scenario.member_names),
            "replications": scenario.replications,
            "figures": figures,
            "conclusions": conclusions,
            "drivers": drivers,
            "failures": sorted({f"{v.scenario.name}: {m}" for v in variants for m in v.summary.failures}),
        }
    factors = [_factor_entry(f, j, uplan) for j, f in enumerate(uplan.factors)]
    held = {m for f in factors for m in f.get("measured", {})}
    bare = sorted(m for m, profile in _member_profiles(uplan).items() if m in held and not _has_interval(profile))
    return {
        "method": "Latin hypercube (scipy.stats.qmc.LatinHypercube, scrambled), common random numbers per point",
        "seed": uplan.seed,
        "points": uplan.points,
        "factors": factors,
        # a process with measured values and no interval: anywhere (a profile calibrated before calibrate wrote them)
        **({"without_intervals": bare} if bare else {}),
        "design": [[num(x) for x in row] for row in uplan.quantiles],
        "scenarios": scenarios,
    }


def _has_interval(doc: Any) -> bool:
    if isinstance(doc, Mapping):
        return INTERVAL_KEY in doc or any(_has_interval(v) for v in doc.values())
    return isinstance(doc, list) and any(_has_interval(v) for v in doc)


def _member_profiles(uplan: UncertaintyPlan) -> dict[str, Mapping[str, Any]]:
    """Each process's profile as its first scenario gives it."""
    out: dict[str, Mapping[str, Any]] = {}
    for scenario in uplan.nominal.scenarios:
        for m in scenario.points[0].members:
            out.setdefault(m.name, m.profile)
    return out


def _factor_entry(factor: Factor, j: int, uplan: UncertaintyPlan) -> dict[str, Any]:
    spec = factor.spec
    ranges: dict[str, Any] = {}
    fitted: dict[str, dict[str, list[float | None]]] = {}
    measured: dict[str, list[str]] = {}
    for member, profile in _member_profiles(uplan).items():
        based = bases(factor, member, profile)
        own = range_of(factor, profile)
        if own is not None and any(how == "assumed" for how, _i in based.values()):
            ranges[member] = [num(own[0]), num(own[1])]
        if spec.get("sourced_for") and member in spec["sourced_for"]:
            continue  # named in the table: as before, the table's sourced_for says it
        for path, (how, interval) in based.items():
            if how == "fitted" and interval is not None:
                fitted.setdefault(member, {})[path] = [num(interval[0]), num(interval[1])]
            elif how == "measured":
                measured.setdefault(member, []).append(path)
    # only a profile with a fitted or measured value gets these keys (a library study's file is as it was)
    bases_of = {**({"fitted": fitted} if fitted else {}), **({"measured": measured} if measured else {})}
    return {
        "name": factor.name,
        "code": factor.code,
        "words": {"en": factor.words_en, "sv": factor.words_sv},
        "kind": factor.kind,
        "range": list(spec["choices"]) if factor.kind == "choice" else [str(v) for v in spec.get("range", spec.get("fallback_scale", []))],
        "ranges": ranges,
        "log": bool(spec.get("log", False)),
        "text": factor.text,
        "sourced_for": list(spec.get("sourced_for", [])),
        "values": [_value(factor, float(row[j])) for row in uplan.quantiles],
        **bases_of,
    }


def _value(factor: Factor, u: float) -> Any:
    if factor.spec.get("range_from_text"):
        return num(u)  # each profile has its own range: the quantile is the common value
    value = factor.value_at(u, nominal=None)
    return num(value) if isinstance(value, float) else value
