"""How many replications (or cases) an interval needs to decide: the textbook sample sizes.

A fresh run of one candidate is judged by its interval's bad end at a level (two-sided, as the goal seek's
intervals are): a mean's Student-t interval, and for a share of cases also the exact (Clopper-Pearson) interval
of the pooled cases. Given what was seen (a spread and a distance from the target, or a share of cases), these
say how many replications or cases make that interval decide with a chance ``power`` if the truth is what was
seen: the textbook formula ``n = ((z_(1-a/2) + z_power) * sigma / delta) ** 2`` for a known spread, with the
Student-t quantiles at ``n - 1`` degrees of freedom for a spread estimated from the replications, and for the
pooled cases the exact Binomial chance that their exact interval's low end clears the target. A number found
by halving between a lower and an upper bound, the exact chance's saw-tooth over whole cases (it can dip when
one more case raises the count needed) left as it falls.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

__all__ = ["cases_chance", "clear_chance", "replications_for_cases", "replications_to_clear"]


def replications_to_clear(spread: float, distance: float, level: float, power: float, *, known: bool = False,
                          least: int = 2, most: int) -> int | None:
    """The fewest replications, from ``least`` to ``most``, at which a two-sided interval at ``level`` around a
    mean ``distance`` from the target, over replications of standard deviation ``spread``, clears the target
    with chance ``power``: ``(q_level + q_power) * spread / sqrt(n) <= distance``, the quantiles the normal's
    (``known``: the spread is the truth) or Student-t's at ``n - 1`` degrees of freedom (the spread estimated
    from the replications, as the interval will be). ``None`` when ``distance`` is not above zero (no number
    clears a target the mean does not pass) or more than ``most`` would be needed.

    >>> replications_to_clear(10.0, 5.0, 0.95, 0.8, known=True, most=2000)  # (1.960 + 0.842)**2 * 4 = 31.4
    32
    """
    if not distance > 0.0 or math.isnan(spread):
        return None
    from scipy.stats import norm, t  # lazily: scipy.stats costs seconds at start-up

    def clears(n: int) -> bool:
        if known:
            q = float(norm.ppf((1.0 + level) / 2.0) + norm.ppf(power))
        else:
            q = float(t.ppf((1.0 + level) / 2.0, n - 1) + t.ppf(power, n - 1))
        return q * spread <= distance * math.sqrt(n)

    return _fewest(clears, max(2, least), most)


def replications_for_cases(per_run: float, seen: int, share: float, target: float, level: float, power: float, *,
                           least: int = 1, most: int) -> int | None:
    """The fewest replications, from ``least`` to ``most``, whose pooled cases give an exact (Clopper-Pearson)
    interval at ``level`` with its low end at ``target`` or above with chance ``power``, when each case is within
    the deadline with chance ``share`` and a replication decides ``per_run`` cases on average, as ``seen``
    replications showed. The number of cases is itself by chance: a replication's as a Poisson count (arrivals in
    a fixed time), and the average ``per_run`` as known from ``seen`` replications only, so ``n`` replications give
    cases about normal with mean ``n * per_run`` and variance ``n * per_run + n**2 * per_run / seen``
    (:func:`clear_chance` over them). ``None`` when ``share`` is not above ``target``, no case was seen or more
    than ``most`` would be needed.

    >>> replications_for_cases(8.0, 10**9, 1.0, 0.95, 0.95, 0.8, most=2000)  # 72 cases at the least, and by chance
    10
    """
    if not share > target or not per_run > 0.0:
        return None

    def enough(n: int) -> bool:
        return cases_chance(n * per_run, n * per_run + n * n * per_run / seen, share, target, level) >= power

    return _fewest(enough, least, most)


def cases_chance(mean: float, variance: float, share: float, target: float, level: float) -> float:
    """The chance the cases' exact interval clears ``target`` (:func:`clear_chance`) when their number is about
    normal with ``mean`` and ``variance`` (each whole number taken with the normal's chance within half of it)."""
    import numpy as np
    from scipy.stats import norm

    spread = math.sqrt(variance)
    counts = np.arange(max(0, math.floor(mean - 6 * spread)), math.ceil(mean + 6 * spread) + 1)
    weights = norm.cdf(counts + 0.5, mean, spread) - norm.cdf(counts - 0.5, mean, spread)
    return float(np.sum(weights * clear_chance(counts, share, target, level)))


def clear_chance(cases: Any, share: float, target: float, level: float) -> Any:
    """The chance that ``cases`` cases (a number or an array of them), each within the deadline with chance
    ``share``, give an exact interval at ``level`` whose low end is at ``target`` or above: that low end clears
    ``target`` exactly when that many within or more would happen at most ``(1 - level) / 2`` of the time were the
    share ``target``, so the count needed is a Binomial quantile at ``target`` and its chance a Binomial tail at
    ``share``.

    >>> float(clear_chance(72, 1.0, 0.95, 0.95)), float(clear_chance(71, 1.0, 0.95, 0.95))  # 0.95**72 <= 0.025
    (1.0, 0.0)
    """
    import numpy as np
    from scipy.stats import binom

    tail = (1.0 - level) / 2.0
    n = np.asarray(cases)
    # the fewest within whose exact low end reaches target, P(X >= k | target) <= tail: isf gives about k - 1; its
    # floating point checked a step either side
    first = np.asarray(binom.isf(tail, n, target)) + 1
    needed = np.full(n.shape, np.inf)
    for k in (first + 1, first, first - 1):
        needed = np.where((k >= 1) & (binom.sf(k - 1, n, target) <= tail), k, needed)
    chance = binom.sf(np.where(np.isfinite(needed), needed, n + 1) - 1, n, share)
    return np.where(needed <= n, chance, 0.0)


def _fewest(enough: Callable[[int], bool], least: int, most: int) -> int | None:
    """The fewest ``n`` from ``least`` to ``most`` that is ``enough`` (taken as growing with ``n``: doubling up to
    one that is, then halving), ``None`` when even ``most`` is not."""
    if least > most:
        return None
    low, high = least - 1, least  # low: known not to be enough (or below the least asked)
    while not enough(high):
        if high >= most:
            return None
        low, high = high, min(2 * high, most)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if enough(middle) else (middle, high)
    return high
