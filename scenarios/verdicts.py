"""What a goal seek concludes from its candidates' runs: which are feasible, what the answer is, the rows.

Between rounds, :func:`screen` calls each candidate just run feasible, infeasible, dominated or
undecided and says which get more replications; once the search has run, the answer's cost, the
candidates the answer orders by their days and the cheapest that surely meets the target (sure taken
together over every candidate tried, :func:`jointly_sure`) say which must run on; :func:`finish` makes the
candidates' rows (:class:`scenarios.goal.Evaluated`) with the chosen one. These are the search's decision
rules, apart from how it runs the candidates (:mod:`scenarios.optimise`) and from the frontier's
(:mod:`scenarios.frontier`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from scenarios.candidate_run import Run
from scenarios.compare import Estimate
from scenarios.goal import JOINT_LEVEL, Evaluated, OptimiseRequest, Target, kr_to_ore, look_spending, time_key
from scenarios.levers import Candidate
from scenarios.multiplicity import holm_step_down
from scenarios.settle import sure_with

__all__: list[str] = []  # the search's own rules (scenarios.optimise): nothing public

#: a share target's candidate stops as hopeless when, showing what its runs showed, it would need more than this
#: many times the most replications to be sure: a projection from 6 or 12 runs is rough, so not at once past the most
FUTILE = 2


def screen(active: set[int], candidates: Sequence[Candidate], prices: Sequence[tuple[float, float]],
           reps: list[int], results: Mapping[int, Run],
           status: dict[int, str], target: Target, request: OptimiseRequest, keep: float = math.inf,
           cap: int = 0) -> set[int]:
    """Classify the candidates just run; return those that get more replications. An undecided one that
    costs ``keep`` (the answer's cost, to the öre) is not dominated for costing as much as a sure one
    until it has ``cap`` replications (the most any candidate got in the search). For a share target a
    candidate is feasible (sure: it runs no further) at the bad end of its interval at the screening level
    or, where that asks less, at ``1 - 0.05 / (k * s)`` for k candidates, the first step of the answer's rule
    (:func:`jointly_sure`; ``s``: :func:`scenarios.goal.look_spending`, as a candidate that looks sure stops),
    whose interval is this one; an undecided one runs on only while it could still be sure (:func:`_hopeful`): so one the search stops as sure is sure in the
    answer too (at 99 % alone every candidate of the joint permit unit stopped at 20 replications sure,
    and the answer found none sure among the 90). A mean target's answer is told from fresh replications
    the screen never sees, so it keeps the screening level (asking more ran the committee example at 65
    days 610 work units instead of 390 and named a dearer sure one)."""
    joint = 1.0 - (1.0 - JOINT_LEVEL) / (max(1, len(candidates)) * look_spending(request.looks))
    level = max(request.screen_level, joint) if target.share is not None else request.screen_level
    screened = {i: results[i].interval(target, request.screen_level) for i in active}
    for i, est in screened.items():
        judged = est if level == request.screen_level else results[i].interval(target, level)
        if target.met(target.bad_end(judged)):
            status[i] = "feasible"
        elif not math.isnan(target.good_end(est)) and not target.met(target.good_end(est)):
            status[i] = "infeasible"
        else:
            status[i] = "undecided"
    sure = [sum(prices[i]) for i, s in status.items() if s == "feasible"]
    best = min(sure) if sure else math.inf
    more = set()
    for i in sorted(active):
        kept = kr_to_ore(sum(prices[i])) == keep and reps[i] < cap
        limit = cap if kept else request.max_replications
        if status[i] == "undecided" and sum(prices[i]) >= best and not kept:
            status[i] = "dominated"
        elif status[i] == "undecided" and reps[i] < limit and (kept or target.share is None):
            more.add(i)
    if target.share is not None:
        more |= _hopeful(active, prices, reps, results, status, target, level, request.max_replications, keep,
                         cap, request.first_replications)
    for i in more:
        reps[i] = min(2 * reps[i], cap if kr_to_ore(sum(prices[i])) == keep and reps[i] < cap
                      else request.max_replications)
    return more


def _hopeful(active: set[int], prices: Sequence[tuple[float, float]], reps: Sequence[int],
             results: Mapping[int, Run], status: Mapping[int, str], target: Target, level: float,
             most: int, keep: float, cap: int, first: int) -> set[int]:
    """A share target's undecided candidates that get more replications: those that could still be sure within
    :data:`FUTILE` times ``most`` replications, showing what theirs showed (:func:`sure_with` at the
    screen's ``level``; judged after one doubling, as a share's spread over its first few is rough). One that could
    not stops: its mean misses the target, or its few decided cases or wide spread would need far more, and running
    it to ``most`` cannot make it sure. Stopping decides only where replications go, never that one is sure.

    Not only the cheapest of them: a dearer candidate shown sure takes itself out of Holm's count, which is what
    lets the cheapest be sure for all the candidates together (run cheapest first, the web page's default left the
    dearer ones at their first replications, none of them sure, and its cheapest one was no longer sure for all 60
    taken together: docs/optimise.md)."""
    hopeful = []
    for i in sorted(active):
        kept = kr_to_ore(sum(prices[i])) == keep and reps[i] < cap
        if status[i] != "undecided" or kept or reps[i] >= most:
            continue
        # judged on its first replications alone a share's spread is often wide: it gets one doubling first
        if reps[i] <= first or sure_with(results[i], target, level, FUTILE * most):
            hopeful.append(i)
    return set(hopeful)


def answer_cost(results: Mapping[int, Run], status: Mapping[int, str], prices: Sequence[tuple[float, float]],
                target: Target) -> float:
    """The cost (to the öre) of the cheapest candidate whose mean meets the target (``inf``: none)."""
    return min((kr_to_ore(sum(prices[i])) for i in results
                if status[i] in ("feasible", "undecided") and target.met(results[i].mean)), default=math.inf)


def jointly_sure(results: Mapping[int, Run], target: Target, looks: int = 1) -> frozenset[int]:
    """The candidates sure to meet the target taken together (:data:`scenarios.goal.JOINT_LEVEL`): Holm's
    step-down over every candidate run (:func:`scenarios.multiplicity.holm_step_down`), each checked at the
    bad end of its interval at ``1 - 0.05 / m`` with m candidates not yet sure (a share target's at
    ``1 - 0.05 / (m * s)``, ``s`` = :func:`scenarios.goal.look_spending` of its ``looks``: the search stops one as
    soon as it looks sure, and each look may err). The chance that any
    candidate that truly misses the target is among them is at most 2.5 % however many were tried (5 % for a
    share target looked at more than twice: the spending uses the other tail's half too), so the
    cheapest of them, the answer's sure one, meets the target with at least 95 % confidence; checked each
    at its own 95 % interval, one of k that truly miss is called sure up to k times in 40. The candidates
    share their random numbers, which makes their intervals dependent: Holm holds under any dependence. (A
    rule using that dependence, a max-t over the replications, would need every candidate's figure over
    the same replications: a mean target's are told from fresh replications n + 1 to 2n, different for
    each n, and a share's bad end is often its pooled cases' exact interval.) The search's screen
    (:func:`screen`) asks a share target's candidates for this rule's first step before it stops them."""
    def sure_at(i: int, level: float) -> bool:  # each look at a share's candidate spends its part of the level
        return target.met(target.bad_end(results[i].interval(target, 1.0 - (1.0 - level) / look_spending(looks))))

    return frozenset(holm_step_down(sorted(results), sure_at, 1 - JOINT_LEVEL))


def answer_group(results: Mapping[int, Run], status: Mapping[int, str], kr: Mapping[int, float],
                 target: Target, looks: int = 1) -> set[int]:
    """The candidates the answer orders by their mean days: the cheapest whose mean meets the target and
    those as cheap (the chosen one is the fastest of them, the others its ties), and, when one of these
    misses the target at its interval's bad end, the cheapest that meet it there and those as cheap (the
    fastest is named). They run on to the most replications, so their days and order are a brute-force
    run's."""
    meeting = [i for i in results if status[i] in ("feasible", "undecided") and target.met(results[i].mean)]
    group = {i for i in meeting if kr[i] == min((kr[j] for j in meeting), default=math.inf)}
    surely = jointly_sure(results, target, looks)
    if group <= surely:
        return group
    return group | {i for i in surely if kr[i] == min((kr[j] for j in surely), default=math.inf)}


def sure_cost(results: Mapping[int, Run], kr: Mapping[int, float], target: Target, looks: int = 1) -> float:
    """The cost (to the öre) of the cheapest candidate sure to meet the target, the candidates taken
    together (:func:`jointly_sure`; ``inf``: none is): the chosen one's when it is sure, else the safe
    one's (any candidate so sure meets it by its mean too, so none is cheaper than the chosen one). The
    answer names nothing dearer."""
    return min((kr[i] for i in jointly_sure(results, target, looks)), default=math.inf)


def finish(candidates: Sequence[Candidate], prices: Sequence[tuple[float, float]], reps: Sequence[int],
           results: Mapping[int, Run], status: Mapping[int, str],
           target: Target, times: Mapping[int, Estimate] | None = None,
           days_reps: Mapping[int, int] | None = None, on: set[int] | None = None,
           members: Sequence[str] = (), unknown: set[int] | None = None) -> tuple[Evaluated, ...]:
    """The candidates run, in grid order. ``times``: each one's mean days (the frontier's; default: its
    own run's), over ``days_reps`` replications; ``on``: those on the frontier (default: no other is
    both as cheap and as fast by the mean days, one of them strictly, as when all have as many);
    ``unknown``: those whose place was not needed (``frontier`` ``None``)."""
    ran = sorted(results)
    days = {i: results[i].time for i in ran} if times is None else times
    meeting = [i for i in ran if status[i] in ("feasible", "undecided") and target.met(results[i].mean)]
    chosen = min(meeting, key=lambda i: (kr_to_ore(sum(prices[i])), time_key(days[i]), i), default=None)
    out = []
    for i in ran:  # costs to the öre, as everywhere else: 1e-10 kr of rounding noise is not cheaper
        cost, time = kr_to_ore(sum(prices[i])), days[i].mean
        frontier: bool | None = (i in on) if on is not None else not math.isnan(time) and not any(
            (kr_to_ore(sum(prices[j])) <= cost and days[j].mean <= time)
            and (kr_to_ore(sum(prices[j])) < cost or days[j].mean < time)
            for j in ran if j != i and not math.isnan(days[j].mean))
        if unknown and i in unknown:  # not needed: dearer than one that surely meets the target, its place unsure
            frontier = None
        out.append(Evaluated(candidates[i], prices[i][0], prices[i][1], reps[i], results[i].interval(target, 0.95),
                             days[i], "chosen" if i == chosen else status[i], frontier,
                             (days_reps or {}).get(i, reps[i]), results[i].limit(target, 0.95, members)))
    return tuple(out)
