"""When no candidate is sure: how near the closest one is, and how many more replications would settle it.

A goal seek that ends with no candidate sure to meet the target (none whose interval's bad end meets it, the
candidates taken together) leaves a manager with a question, not an answer. These are the figures that say how
far it is: the chance, judged from the candidate's own replications, that its true figure meets the target
(:func:`chance_to_meet`), and how many replications showing what these showed would make its interval's bad end
meet it at a given level (:func:`replications_to_be_sure`). Both read one candidate's run alone, apart from the
search (:mod:`scenarios.optimise`), which is why they are a module of their own.

The replications that settle it are *fresh* ones (after those the search ran, so independent of them): the
candidate was picked as the closest among many by looking at its runs, and an interval over those same runs
would carry that choice's luck; over fresh ones alone its 95 % interval holds as one interval does, so a claim
about that one candidate is sure at 95 % again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

from scenarios.candidate_run import Run
from scenarios.compare import estimate
from scenarios.goal import MOST_SETTLE, Target

__all__ = ["chance_to_meet", "likeliest", "replications_to_be_sure", "projected", "sure_with"]


def chance_to_meet(run: Run, target: Target) -> float:
    """How likely the candidate's true figure meets ``target``, from what its replications showed: the normal
    approximation with the standard error that its 95 % interval's bad side gives (the side that matters; a share's
    interval leans away from 100 %). nan when it has no interval.

    >>> from scenarios.compare import estimate
    >>> round(chance_to_meet(Run([0.95, 0.97, 0.96, 0.98], estimate([1.0]), None), Target(share=0.95)), 2)
    0.86
    """
    est = run.interval(target, 0.95)
    bad = target.bad_end(est)
    if math.isnan(bad) or math.isnan(est.mean):
        return math.nan
    reach = est.mean - float(target.share) if target.share is not None else float(target.mean_days or 0.0) - est.mean
    error = abs(est.mean - bad) / NormalDist().inv_cdf(0.975)
    if error == 0.0:
        return 1.0 if reach >= 0.0 else 0.0
    return NormalDist().cdf(reach / error)


def likeliest(chances: Sequence[float], costs: Sequence[float]) -> int:
    """The index of the candidate likeliest to meet the target (``chances``: :func:`chance_to_meet`'s), the cheaper
    of equal chances; one without a chance (nan: no replication gave a figure) after every one with a chance (as
    a key of ``max`` a nan first in line beat them all: nan compares neither greater nor smaller).

    >>> likeliest([math.nan, 0.8, 0.3], [1.0, 2.0, 3.0]), likeliest([0.5, 0.5], [2.0, 1.0])
    (1, 1)
    """
    return max(range(len(chances)), key=lambda i: (not math.isnan(chances[i]),
                                                  -math.inf if math.isnan(chances[i]) else chances[i], -costs[i]))


def projected(run: Run, replications: int) -> Run:
    """``run`` as ``replications`` replications showing what its own showed: its values repeated in order, each
    process's decided cases (and those within the deadline) in proportion. The replications' spread and share stay
    those seen; only their number, and so the interval's width, changes."""
    seen = [v for v in run.values if not math.isnan(v)]
    cycled = [seen[i % len(seen)] for i in range(replications)]
    # a number of replications not a multiple of those seen repeats some more often: keep the mean and spread seen
    mean, spread, now = _mean(seen), _spread(seen), _spread(cycled)
    scale = spread / now if now > 0.0 else 0.0
    values = [min(1.0, max(0.0, v)) if run.counts is not None else v
              for v in (mean + (c - _mean(cycled)) * scale for c in cycled)]
    counts = None if run.counts is None else tuple(
        (round(k * replications / len(seen)), round(n * replications / len(seen))) for k, n in run.counts)
    return Run(values, estimate(values[:1] * 2), counts)


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def _spread(values: list[float]) -> float:
    mean = _mean(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)) if len(values) > 1 else 0.0


def sure_with(run: Run, target: Target, level: float, replications: int) -> bool:
    """Whether ``replications`` showing what ``run``'s showed (:func:`projected`) give an interval at ``level``
    whose bad end meets ``target``: one look where :func:`replications_to_be_sure` searches."""
    if len(run.values) < 2 or math.isnan(run.mean) or not target.met(run.mean):
        return False
    return target.met(target.bad_end(projected(run, replications).interval(target, level)))


def replications_to_be_sure(run: Run, target: Target, level: float, *, least: int = 3) -> int | None:
    """The fewest replications (at least ``least``) that, showing what ``run``'s showed (:func:`projected`), give
    an interval at ``level`` whose bad end meets ``target``; ``None`` when its mean misses the target (no number
    would do) or more than :data:`MOST_SETTLE` would be needed.

    >>> from scenarios.compare import estimate
    >>> replications_to_be_sure(Run([50.0, 60.0, 55.0, 65.0], estimate([1.0]), None), Target(share=None, mean_days=60),
    ...                         0.95)
    29
    """
    if len(run.values) < 2 or math.isnan(run.mean) or not target.met(run.mean):
        return None

    def sure(n: int) -> bool:
        return target.met(target.bad_end(projected(run, n).interval(target, level)))

    low, high = max(2, least) - 1, max(3, least)  # low: known not to be enough (or below the least asked)
    while not sure(high):
        if high >= MOST_SETTLE:
            return None
        low, high = high, min(2 * high, MOST_SETTLE)
    while high - low > 1:  # the interval narrows as the replications grow (repeating the same values)
        middle = (low + high) // 2
        low, high = (low, middle) if sure(middle) else (middle, high)
    return high
