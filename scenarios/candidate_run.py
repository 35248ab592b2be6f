"""A goal-seek candidate's replications and the intervals the search judges it by.

The target figure per replication (worst process), the time estimate and, for a share target, each
process's cases (within the deadline, decided) pooled over the replications; the interval is the one
every share of cases gets, widened to the exact (Clopper-Pearson) interval of those pooled cases where
that is wider. How sure one candidate's figure is, apart from what the search then does with it
(:mod:`scenarios.verdicts`), is a module of its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scenarios.compare import SHARE_BOUNDS, Estimate, estimate
from scenarios.goal import Target

__all__: list[str] = []  # the search's own (scenarios.optimise, scenarios.verdicts): nothing public


@dataclass(frozen=True, slots=True)
class Run:
    """A candidate's replications: the target figure per replication (worst process), the time
    estimate and, for a share target, each process's (within, decided) cases over all of them."""

    values: list[float]
    time: Estimate
    counts: tuple[tuple[int, int], ...] | None

    @property
    def mean(self) -> float:
        return estimate(self.values).mean

    def spread(self, target: Target, level: float) -> Estimate:
        """The interval over replications alone: for a share the one every share of cases gets
        (:func:`scenarios.compare.share_interval`, as the report and the web page show it), for a mean
        time the Student-t interval."""
        if target.share is None:
            return estimate(self.values, level=level)
        return estimate(self.values, level=level, bounds=SHARE_BOUNDS)

    def interval(self, target: Target, level: float) -> Estimate:
        """:meth:`spread`; for a share, widened to the Clopper-Pearson interval of the pooled cases where
        that is wider (every replication at 100 % gives an interval of width zero, which claims more than
        the cases show). With several processes every one must meet the target, so each end is the lowest
        of the processes' ends: the process with the fewest cases bounds the bad end even when all show
        the same share."""
        est = self.spread(target, level)
        ends = [clopper_pearson(k, n, level=level) for k, n in self.counts or () if n > 0]
        if not ends:
            return est
        low, high = min(e[0] for e in ends), min(e[1] for e in ends)
        low = low if math.isnan(est.low) else max(0.0, min(est.low, low))
        high = high if math.isnan(est.high) else min(1.0, max(est.high, high))
        return Estimate(est.mean, low, high, est.values)

    def limit(self, target: Target, level: float, members: Sequence[str]) -> tuple[str, int, int] | None:
        """With several processes: the one whose cases' exact interval sets the bad end of
        :meth:`interval` (the fewest cases bound it, however high every share), as (process, within,
        decided); ``None`` for one process, a mean-time target, or when the replications' spread sets it."""
        if not self.counts or len(members) < 2 or target.share is None:
            return None
        ends = [(clopper_pearson(k, n, level=level)[0], m, k, n)
                for m, (k, n) in zip(members, self.counts, strict=True) if n > 0]
        if not ends:
            return None
        low, process, k, n = min(ends, key=lambda e: e[0])
        est = self.spread(target, level)
        if not math.isnan(est.low) and est.low <= low:
            return None
        return process, k, n


def clopper_pearson(k: int, n: int, *, level: float) -> tuple[float, float]:
    """The exact binomial interval of ``k`` successes in ``n``."""
    from scipy.stats import beta  # lazily: scipy.stats costs seconds at start-up

    tail = (1.0 - level) / 2.0
    low = 0.0 if k == 0 else float(beta.ppf(tail, k, n - k + 1))
    high = 1.0 if k == n else float(beta.ppf(1.0 - tail, k + 1, n - k))
    return low, high


def decided_counts(rows: Sequence[tuple[Any, ...]], members: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """(within the deadline, decided) over the case rows after the warm-up, per process in ``members``'
    order (:data:`scenarios.execute.CASE_COLUMNS`: replication first, then process, ...)."""
    counts = {m: [0, 0] for m in members}
    for row in rows:
        _rep, process, _case, warmup, *_days, within, _outcome = row
        if warmup == 0 and within != "" and process in counts:
            counts[process][0] += int(within)
            counts[process][1] += 1
    return tuple((k, n) for k, n in counts.values())
