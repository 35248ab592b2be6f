"""Figures with confidence intervals, and each scenario against its baseline as a paired difference.

Replication ``i`` of every scenario uses the same random streams (common random
numbers), so the difference scenario − baseline is computed per replication and
its mean gets a Student-t 95 % interval; a difference whose interval excludes
zero is marked ``significant``. Figures that are ``nan`` in a replication (no case
decided, say) are left out of that figure's estimate, and the pair is left out
of that difference. A figure's interval that reaches where the figure cannot be
(below zero: few replications) is cut there, and says so (``Estimate.cut``); a
difference's is not. A share of cases gets a Wilson interval instead
(:func:`share_interval`), which never leaves 0–1: near 0 % or 100 % the
symmetric t-interval reached past them even at 30 replications, and the report
called that "too few replications".

>>> est = estimate([1.0, 2.0, 3.0])
>>> (est.mean, est.n)
(2.0, 3)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from statistics import NormalDist

import numpy as np

from processes.frozenclass import frozen_dataclass
from simulator.stats import confidence_interval, natural_bounds
from simulator.tquantile import t_quantile

__all__ = [
    "Estimate",
    "Difference",
    "PointSummary",
    "Comparison",
    "CUT_NOTE",
    "ONE_NOTE",
    "lone",
    "estimate",
    "share_interval",
    "summarise_point",
    "paired_differences",
]


@frozen_dataclass
class Estimate:
    """A figure over replications: mean, 95 % interval and the values per replication; ``cut``: ``"below"``
    when the Student-t interval reached below where the figure can be (0) and was cut there, ``"above"`` when a
    share's reached above 1, ``"both"`` for both, else ``""``."""

    mean: float
    low: float
    high: float
    values: tuple[float, ...]
    cut: str = ""

    @property
    def n(self) -> int:
        """Replications with a value."""
        return sum(1 for v in self.values if not math.isnan(v))


@frozen_dataclass
class Difference:
    """Scenario − baseline for one figure, paired by replication."""

    figure: str
    mean: float
    low: float
    high: float
    values: tuple[float, ...]

    @property
    def significant(self) -> bool:
        """The 95 % interval excludes zero."""
        return not (math.isnan(self.low) or math.isnan(self.high)) and (self.low > 0 or self.high < 0)


@frozen_dataclass
class PointSummary:
    """Every figure of one scenario (at one sweep point) over its replications."""

    scenario: str
    label: str
    values: tuple[tuple[str, object], ...]
    figures: Mapping[str, Estimate]
    failures: tuple[str, ...] = ()


@frozen_dataclass
class Comparison:
    """A scenario point against its baseline point."""

    scenario: str
    label: str
    baseline: str
    baseline_label: str
    differences: tuple[Difference, ...]


NAN = float("nan")

#: what ``summary.json`` and ``permitflow simulate`` say once when an interval was cut where its figure ends
CUT_NOTE = ("cut: the 95% Student-t interval reached below zero, where the mean cannot be (too few replications); "
            "it is cut there (\"below\"; a share of cases has a Wilson interval, within 0 and 1, which is never cut)")
#: what they say once when a figure has a mean but no interval: one replication gives a value, not a spread
ONE_NOTE = ("an interval of null beside a mean: fewer than two replications measured the figure (one in "
            "which no case got that far measures none), and an interval needs two")


def lone(estimates: Iterable[Estimate]) -> bool:
    """Whether any of ``estimates`` has a mean but no interval (:data:`ONE_NOTE`)."""
    return any(math.isfinite(e.mean) and not (math.isfinite(e.low) and math.isfinite(e.high))
               for e in estimates)


#: the bounds of a share of cases (:func:`simulator.stats.natural_bounds`), which get :func:`share_interval`
SHARE_BOUNDS = (0.0, 1.0)


def share_interval(values: Sequence[float], level: float = 0.95) -> tuple[float, float, float]:
    """(mean, low, high) of a share of cases over replications (each value one replication's share, 0–1): the
    Wilson score interval of the mean at its effective number of cases — the independent cases that would give
    the replications' standard error — reduced by (z / t)² for the replications' degrees of freedom, as Korn and
    Graubard do for the Clopper–Pearson interval (Survey Methodology 24(2), 1998, 193–201). It stays within 0–1,
    leans away from the end a share is near, and is the Student-t interval's width where the share is far from
    both ends. Found by QA: Helsingborg's 0,16 % of cases with an extended time had the t-interval −0,02 – 0,35 %
    at 30 replications (3 of them with such a case), cut at 0 and shown as "too few replications"; this gives
    0,06 – 0,49 %. Every value alike: that value.

    >>> [round(x, 4) for x in share_interval([1.0] * 27 + [0.98, 0.97, 0.99])]  # the t-interval: 0.9955 – 1.0005
    [0.998, 0.9936, 0.9994]
    >>> share_interval([0.0, 0.0, 0.0])
    (0.0, 0.0, 0.0)
    """
    xs = np.asarray(values, dtype=float)
    mean = float(xs.mean())  # as the t-interval's (simulator.stats.confidence_interval), to the last digit
    spread = float(xs.std(ddof=1))
    if spread == 0.0 or mean in (0.0, 1.0):
        return (mean, mean, mean)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    t = t_quantile(0.5 + level / 2, len(values) - 1)
    n = mean * (1 - mean) / (spread * spread / len(values)) * (z / t) ** 2
    centre = (mean + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(mean * (1 - mean) / n + z * z / (4 * n * n))
    return (mean, max(0.0, centre - half), min(1.0, centre + half))


def estimate(values: Sequence[float], level: float = 0.95,
             bounds: tuple[float, float] = (-math.inf, math.inf)) -> Estimate:
    """Mean and Student-t interval over the non-nan ``values`` (nan when fewer than two), cut to ``bounds``
    (where the mean can lie, :func:`simulator.stats.natural_bounds`) when it reaches past them; a share of cases
    (``bounds`` 0–1): :func:`share_interval`.

    >>> estimate([1.0, 2.0], bounds=(0.0, math.inf))
    Estimate(mean=1.5, low=0.0, high=7.853102368087347, values=(1.0, 2.0), cut='below')
    """
    kept = [float(v) for v in values if not math.isnan(v)]
    values = tuple(float(v) for v in values)
    if not kept:
        return Estimate(NAN, NAN, NAN, values)
    if len(kept) == 1:
        return Estimate(kept[0], NAN, NAN, values)
    if tuple(bounds) == SHARE_BOUNDS and all(0.0 <= v <= 1.0 for v in kept):
        return Estimate(*share_interval(kept, level), values)
    mean, low, high = confidence_interval(kept, level=level)
    floor, ceiling = bounds
    below, above = low < floor, high > ceiling
    cut = "both" if below and above else "below" if below else "above" if above else ""
    return Estimate(float(mean), float(max(low, floor)), float(min(high, ceiling)), values, cut)


def summarise_point(
    scenario: str,
    label: str,
    values: tuple[tuple[str, object], ...],
    replications: Sequence[Mapping[str, float] | None],
    failures: Sequence[str] = (),
) -> PointSummary:
    """Estimates of every figure over ``replications`` (``None``: a failed replication), each interval cut to
    where its figure can lie (:func:`simulator.stats.natural_bounds`: no count or time below zero, no share
    above 1)."""
    names = sorted({name for rep in replications if rep for name in rep})
    figures = {
        name: estimate([rep.get(name, NAN) if rep else NAN for rep in replications], bounds=natural_bounds(name))
        for name in names
    }
    return PointSummary(scenario, label, values, figures, tuple(failures))


def paired_differences(point: PointSummary, baseline: PointSummary) -> Comparison:
    """``point`` − ``baseline`` per replication for every figure both have."""
    diffs = []
    for name in sorted(set(point.figures) & set(baseline.figures)):
        a, b = point.figures[name].values, baseline.figures[name].values
        if len(a) != len(b):
            continue
        per_rep = tuple(x - y if not (math.isnan(x) or math.isnan(y)) else NAN for x, y in zip(a, b, strict=True))
        est = estimate(per_rep)
        diffs.append(Difference(name, est.mean, est.low, est.high, per_rep))
    return Comparison(point.scenario, point.label, baseline.scenario, baseline.label, tuple(diffs))
