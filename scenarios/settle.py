"""When no candidate is sure: how near the closest one is, and how many more replications would settle it.

A goal seek that ends with no candidate sure to meet the target (none whose interval's bad end meets it, the
candidates taken together) leaves a manager with a question, not an answer. These are the figures that say how
far it is: the chance, judged from the candidate's own replications, that its true figure meets the target
(:func:`chance_to_meet`), and how many fresh replications, judged alone, would make its interval's bad end meet it
at the level the settling runs are judged at, four times in five if it is what its runs showed
(:func:`settle_projection`: the sample sizes of the very intervals the decision reads, :mod:`scenarios.samplesize`).
Both read one candidate's run alone, apart from the search (:mod:`scenarios.optimise`), which is why they are a
module of their own. The search's own stopping rule asks a rougher question, whether its runs repeated would be
sure (:func:`projected`, :func:`sure_with`); the settling runs' count once came from that too, and by repeating the
runs seen it took a lucky spread or a few replications' cases for the truth: Åstorp's closest stayed unsure after
the 26 it projected.

The replications that settle it are *fresh* ones (after those the search ran, so independent of them): the
candidate was picked as the closest among many by looking at its runs, and an interval over those same runs
would carry that choice's luck; over fresh ones alone its 95 % interval holds as one interval does, so a claim
about that one candidate is sure at 95 % again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from scenarios.candidate_run import Run
from scenarios.compare import estimate
from scenarios.goal import MOST_SETTLE, SETTLE_POWER, Target
from scenarios.samplesize import replications_for_cases, replications_to_clear

__all__ = ["NOT_PROJECTED", "POWER", "Projection", "chance_to_meet", "likeliest", "projected", "settle_projection",
           "sure_with"]


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
    whose bad end meets ``target``: the search's stopping rule (:mod:`scenarios.verdicts`)."""
    if len(run.values) < 2 or math.isnan(run.mean) or not target.met(run.mean):
        return False
    return target.met(target.bad_end(projected(run, replications).interval(target, level)))


#: the chance the projected runs settle it if it is what its runs showed (:data:`scenarios.goal.SETTLE_POWER`)
POWER = SETTLE_POWER

#: why no number of fresh replications is projected (:attr:`Projection.why_not`; the JSON's words, not a manager's)
NOT_PROJECTED = ("few runs", "misses", "on the target", "beyond")


@dataclass(frozen=True, slots=True)
class Projection:
    """How many fresh replications would settle a candidate (``replications``), or why none is projected
    (``why_not``, one of :data:`NOT_PROJECTED`: fewer than two of its replications gave a figure; its figure misses
    the target; it sits on the target; more than :data:`MOST_SETTLE` would be needed); ``power``: the chance they
    settle it if the candidate is what its runs showed."""

    replications: int | None
    why_not: str = ""
    power: float = POWER

    def __post_init__(self) -> None:
        if (self.replications is None) == (self.why_not == "") or self.why_not not in ("", *NOT_PROJECTED):
            raise ValueError(f"a projection is a number or a reason: {self.replications!r}, {self.why_not!r}")


def settle_projection(run: Run, target: Target, level: float, *, power: float = POWER,
                      least: int = 3) -> Projection:
    """How many replications (at least ``least``), judged alone as the settling runs are, make the candidate's
    interval at ``level`` decide (its bad end meets ``target``) with chance ``power`` if the candidate is what
    ``run`` showed (:mod:`scenarios.samplesize`): for a mean time the Student-t interval's sample size from the
    replications' spread and the mean's distance from the target; for a share also the exact interval of each
    process's pooled cases, whose number varies from replication to replication (a Poisson count about the cases a
    replication gave, over every replication, those without a decided case too, that average itself known only
    from the replications seen); the most such replications. Replications without a figure count as they came:
    only the share that gave one counts towards the spread's.

    >>> from scenarios.compare import estimate
    >>> settle_projection(Run([50.0, 60.0, 55.0, 65.0], estimate([1.0]), None), Target(share=None, mean_days=60),
    ...                   0.95)
    Projection(replications=55, why_not='', power=0.8)
    """
    figures = [v for v in run.values if not math.isnan(v)]
    if len(figures) < 2:
        return Projection(None, "few runs", power)
    mean = _mean(figures)
    distance = mean - float(target.share) if target.share is not None else float(target.mean_days or 0.0) - mean
    shares = [] if target.share is None else [(k / n, n / len(run.values)) for k, n in run.counts or () if n > 0]
    if distance < 0.0 or any(p < float(target.share or 0.0) for p, _ in shares):
        return Projection(None, "misses", power)
    if distance == 0.0 or any(p == target.share for p, _ in shares):
        return Projection(None, "on the target", power)
    with_figure = len(figures) / len(run.values)
    spread = replications_to_clear(_spread(figures), distance, level, power, least=2, most=MOST_SETTLE)
    needed = [None if spread is None else math.ceil(spread / with_figure)]
    for p, per_run in shares:  # each process's pooled cases, as many a replication as seen, by chance
        needed.append(replications_for_cases(per_run, len(run.values), p, float(target.share or 0.0), level, power,
                                             most=MOST_SETTLE))
    if any(n is None or n > MOST_SETTLE for n in needed):
        return Projection(None, "beyond", power)
    return Projection(max(least, *(n for n in needed if n is not None)), "", power)
