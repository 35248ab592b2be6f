"""Many comparisons at once: adjusted p-values and Holm's step-down over confidence intervals.

A report compares every figure of every scenario with its baseline, some hundreds or thousands of paired
differences, and a 95 % interval that excludes zero still does so for one in 20 of the changes that do
nothing. :func:`bh_adjusted` (Benjamini and Hochberg 1995) turns the paired differences' p-values into
adjusted ones: highlighting those at most 0.05 keeps the expected share of changes that do nothing among the
highlighted at most 5 % (the false discovery rate), whatever the number compared. Holm's adjusted values
(Holm 1979) would keep the chance that even one is highlighted wrongly at most 5 % (the family-wise rate),
under any dependence, at a price in power that grows with the number compared (docs/report.md says why the
report does not use them; tests/report/test_chance_highlights.py compares the two on a textbook example).

A goal seek picks among k candidates: the cheapest that is "sure" to meet the target. Checking each one at
its own 95 % interval, one of many that truly miss the target is called sure more often than 1 time in 40.
:func:`holm_step_down` is Holm's procedure told by intervals rather than p-values (a candidate's interval is
a Wilson, Clopper-Pearson or Student-t interval, with no p-value to hand): with m candidates left, those
whose interval at the level ``1 - alpha / m`` meets the target are sure; they leave, m shrinks, and the
rest are checked again, until none more is sure. Each check errs only on one side of its interval, so the
chance that any candidate that truly misses the target is called sure is at most ``alpha / 2``, under any
dependence between the candidates (the common random numbers they share make them dependent).

>>> [round(p, 4) for p in bh_adjusted([0.01, 0.04, 0.03, 0.005])]
[0.02, 0.04, 0.04, 0.02]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

__all__ = ["paired_p_value", "bh_adjusted", "holm_step_down"]

T = TypeVar("T")


def paired_p_value(differences: Iterable[float]) -> float:
    """The two-sided p-value of the paired Student-t test that the mean of ``differences`` (one per
    replication, nan left out) is zero: below 0.05 exactly when the 95 % interval
    :func:`simulator.stats.confidence_interval` gives them excludes zero. nan for fewer than two values; with
    no spread, 0 for a mean other than zero (its interval is that one value) and 1 for zero.

    >>> round(paired_p_value([1.0, 2.0, 3.0]), 4)
    0.0742
    """
    xs = [float(v) for v in differences if not math.isnan(v)]
    n = len(xs)
    if n < 2:
        return math.nan
    mean = math.fsum(xs) / n
    spread = math.sqrt(math.fsum((x - mean) ** 2 for x in xs) / (n - 1))
    if spread == 0.0:
        return 1.0 if mean == 0.0 else 0.0
    from scipy.special import stdtr  # lazily: scipy costs a second at start-up

    t = abs(mean) / (spread / math.sqrt(n))
    return float(2.0 * stdtr(n - 1, -t))


def _ordered(p_values: Sequence[float]) -> list[int]:
    return sorted(range(len(p_values)), key=lambda i: (p_values[i], i))


def bh_adjusted(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (what ``scipy.stats.false_discovery_control`` gives): the i-th
    smallest of m is ``min over j >= i of p_(j) * m / j``, at most 1. Those at most q are the discoveries of
    BH's procedure at false discovery rate q. Valid for independent or positively dependent tests (PRDS,
    Benjamini and Yekutieli 2001)."""
    m = len(p_values)
    out = [1.0] * m
    running = 1.0
    order = _ordered(p_values)
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        out[i] = running
    return out


def holm_step_down(items: Sequence[T], sure_at: Callable[[T, float], bool], alpha: float = 0.05) -> list[T]:
    """The ``items`` Holm's step-down calls sure, in their order: ``sure_at(item, level)`` says whether the
    item's two-sided interval at ``level`` lies on the good side of what is tested (it must hold at every
    lower level when it holds at one). With m items left, those sure at ``1 - alpha / m`` are sure; m shrinks
    by them and the rest are tried again. The chance that any item truly on the bad side is called sure is at
    most ``alpha / 2`` (one tail of each interval), whatever their dependence."""
    left = list(items)
    sure: list[T] = []
    while left:
        level = 1.0 - alpha / len(left)
        now = [item for item in left if sure_at(item, level)]
        if not now:
            break
        sure += now
        left = [item for item in left if item not in now]
    return [item for item in items if item in sure]
