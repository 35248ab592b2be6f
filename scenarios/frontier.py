"""The cost-time frontier of a goal seek: which candidates no other is both cheaper and faster than.

Two candidates' mean days from complete to decision are compared over the replications both have
(common random numbers), by the Student-t interval of their paired differences at a level shared
among all the pairs compared (Bonferroni); while a comparison is unsure both run on, up to the most
replications any candidate got, and over that many their means decide, as a brute-force run of every
candidate would. The rule needs only each candidate's days per replication, its cost and its number
of replications, never a scenario or a target, so it is a module of its own that
:mod:`scenarios.optimise` asks between its rounds of runs (see its module docstring for the search).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from scenarios.compare import estimate

__all__: list[str] = []  # the search's own rules (scenarios.optimise): nothing public


def pair_level(kr: Mapping[int, float], screen_level: float) -> float:
    """The confidence level of one pairwise comparison: ``screen_level`` shared among all the pairs
    compared (Bonferroni): with 12 candidates, 66 or more pairs, each at 1 - 0.01 / 66."""
    pairs = sum(1 for i in kr for j in kr if i != j and kr[i] <= kr[j])
    return 1.0 - (1.0 - screen_level) / max(pairs, 1)


def place(times: Mapping[int, Sequence[float]], runs: Mapping[int, int], kr: Mapping[int, float], most: int,
          level: float) -> tuple[set[int], set[int], set[int]]:
    """Which candidates are on the cost-time frontier, which to run on to say it surely, and whose place is
    unsure as yet (neither on nor off).

    A candidate is off the frontier when one as cheap or cheaper is faster (at the same cost strictly:
    :func:`_faster`), on it when none is, and unsure while some comparison is; the candidates of an
    unsure comparison run on (twice the replications, at most ``most``), until every comparison is sure
    or made over ``most`` replications by the means, as a brute-force run of every candidate at
    ``most`` replications draws it. A candidate is compared only with the cheaper ones that matter:
    not with one that is off, nor with one that another as cheap as it is surely faster than
    (:func:`covered_by_cheaper`). A candidate without a time in any replication yet runs on too."""
    on: set[int] = set()
    more: set[int] = set()
    means = {j: estimate(times[j]).mean for j in sorted(times)}
    timed = [j for j in sorted(times) if not math.isnan(means[j])]
    undecided = {j for j in sorted(times) if j not in timed and runs[j] < most}  # on it or not once it has a time
    more |= undecided
    paired: dict[tuple[int, int], tuple[float, float]] = {}

    def interval(i: int, j: int) -> tuple[float, float]:  # of i less j: one per pair, either way round
        if (j, i) in paired:
            low, high = paired[j, i]
            return -high, -low
        if (i, j) not in paired:
            n = min(runs[i], runs[j])
            diff = estimate([x - y for x, y in zip(times[i][:n], times[j][:n], strict=True)], level=level)
            paired[i, j] = (diff.low, diff.high)
        return paired[i, j]

    def faster(i: int, j: int, strictly: bool) -> bool | None:
        at_most = runs[i] >= most and runs[j] >= most
        return _faster(means[i], means[j], at_most, lambda: interval(i, j), strictly=strictly)

    verdicts = {(i, j): faster(i, j, kr[i] == kr[j]) for j in timed for i in timed if i != j and kr[i] <= kr[j]}
    off = {j for (_i, j), verdict in verdicts.items() if verdict}
    beats: dict[tuple[int, int], bool] = {}

    def surely(k: int, i: int) -> bool:  # k surely (strictly) faster than i, whatever their costs
        if (k, i) not in beats:
            beats[k, i] = faster(k, i, True) is True
        return beats[k, i]

    for j in timed:
        if j in off:
            continue
        # one that is off cannot be the only one faster: what is faster than it is faster than j too; nor can one
        # that a candidate as cheap as j is surely faster than (:func:`covered_by_cheaper`)
        cheaper = [i for i in timed if (i, j) in verdicts]
        unsure = [i for i in cheaper if i not in off and verdicts[i, j] is None]
        if unsure:
            covered = covered_by_cheaper(cheaper, surely)
            unsure = [i for i in unsure if i not in covered]
        if not unsure:
            on.add(j)
            continue
        # one that looks faster may show it off alone: the likeliest (the paired mean most below zero) runs on
        # with it; when none looks faster, every unsure one must be shown slower
        ahead = min(unsure, key=lambda i: (_paired_mean(times[i], times[j], runs[i], runs[j]), i))
        pulled = [ahead] if _paired_mean(times[ahead], times[j], runs[ahead], runs[j]) < 0 else unsure
        more |= {k for k in (j, *pulled) if runs[k] < most}
        undecided.add(j)
    return on, more, undecided


def covered_by_cheaper(cheaper: Sequence[int], surely: Callable[[int, int], bool]) -> set[int]:
    """Of ``cheaper`` (the candidates as cheap as or cheaper than one being placed), those it need not
    be compared with: each is surely slower (``surely(k, i)``: k surely faster than i, by the paired
    interval either way round) than another of them, through a chain that starts at one surely slower
    than none of them. Were a left-out one faster than the candidate being placed, the chain's head
    would be too, and the head is compared with it; were the candidate faster than the head, it is
    faster than every one down the chain. Sure verdicts are the means a brute-force run compares, and
    those order transitively; were the sure verdicts ever to go round in a circle, none of the
    candidates on it is left out."""
    wins = {i: [k for k in cheaper if k != i and surely(i, k)] for i in cheaper}  # i surely faster than each k
    beaten = {k for ks in wins.values() for k in ks}
    covered: set[int] = set()
    todo = [k for i in cheaper if i not in beaten for k in wins[i]]
    while todo:
        k = todo.pop()
        if k not in covered:
            covered.add(k)
            todo.extend(wins[k])
    return covered


def _paired_mean(a: Sequence[float], b: Sequence[float], runs_a: int, runs_b: int) -> float:
    """The mean of ``a`` less ``b`` over the replications both have (``inf`` without any)."""
    n = min(runs_a, runs_b)
    mean = estimate([x - y for x, y in zip(a[:n], b[:n], strict=True)]).mean
    return math.inf if math.isnan(mean) else mean


def _faster(mean_a: float, mean_b: float, at_most: bool, interval: Callable[[], tuple[float, float]], *,
            strictly: bool) -> bool | None:
    """Whether ``a`` is faster than ``b`` (mean days; ``strictly``: not as fast), or ``None`` while unsure.

    Both over the most replications (``at_most``): by their means (the brute-force run's rule).
    Otherwise over the replications both have (common random numbers: the same applicants), by
    ``interval()``: the Student-t interval (at the pairs' shared level) of the paired differences
    ``a`` less ``b``: wholly below zero, surely faster; wholly above, surely not."""
    if at_most:
        if math.isnan(mean_a) or math.isnan(mean_b):
            return False
        return mean_a < mean_b or (not strictly and mean_a == mean_b)
    low, high = interval()
    if high < 0:
        return True
    if low > 0:
        return False
    return None
