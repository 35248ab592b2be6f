"""Figures with confidence intervals, and each scenario against its baseline as a paired difference.

Replication ``i`` of every scenario uses the same random streams (common random
numbers), so the difference scenario − baseline is computed per replication and
its mean gets a Student-t 95 % interval; a difference whose interval excludes
zero is marked ``significant``. Figures that are ``nan`` in a replication (no case
decided, say) are left out of that figure's estimate, and the pair is left out
of that difference.

>>> est = estimate([1.0, 2.0, 3.0])
>>> (est.mean, est.n)
(2.0, 3)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from processes.frozenclass import frozen_dataclass
from simulator.stats import confidence_interval

__all__ = [
    "Estimate",
    "Difference",
    "PointSummary",
    "Comparison",
    "estimate",
    "summarise_point",
    "paired_differences",
]


@frozen_dataclass
class Estimate:
    """A figure over replications: mean, 95 % interval and the values per replication."""

    mean: float
    low: float
    high: float
    values: tuple[float, ...]

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


def estimate(values: Sequence[float], level: float = 0.95) -> Estimate:
    """Mean and Student-t interval over the non-nan ``values`` (nan when fewer than two)."""
    kept = [float(v) for v in values if not math.isnan(v)]
    values = tuple(float(v) for v in values)
    if not kept:
        return Estimate(NAN, NAN, NAN, values)
    if len(kept) == 1:
        return Estimate(kept[0], NAN, NAN, values)
    mean, low, high = confidence_interval(kept, level=level)
    return Estimate(float(mean), float(low), float(high), values)


def summarise_point(
    scenario: str,
    label: str,
    values: tuple[tuple[str, object], ...],
    replications: Sequence[Mapping[str, float] | None],
    failures: Sequence[str] = (),
) -> PointSummary:
    """Estimates of every figure over ``replications`` (``None``: a failed replication)."""
    names = sorted({name for rep in replications if rep for name in rep})
    figures = {
        name: estimate([rep.get(name, NAN) if rep else NAN for rep in replications]) for name in names
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
