"""Goal seek: the cheapest staffing, FTE share and decision level that meets a target.

The target is a share of decided cases within the legal deadline (default 95 %
within 4 months, ``within_deadline_share``) or a mean time from a complete
application to the decision (``complete_to_decision_mean_days``), for one
process or for several simulated together (a joint permit unit). With several
processes the target must hold for every one of them: each replication's value is
its worst process's.

Every candidate (:mod:`scenarios.levers`) is a scenario built from the same base
with the levers' ``set:`` overrides and run on the one road
(:mod:`scenarios.road`) with the same seed, so replication *i* of every
candidate draws the same applicants (common random numbers). The search is
sequential: every candidate gets ``first_replications``; a candidate whose
screening interval (99 %, :attr:`OptimiseRequest.screen_level`) lies wholly on the
wrong side of the target is dropped as infeasible, one at least as costly as a
candidate that surely meets it (for a share target at ``1 - 0.05 / k`` for k candidates
where that asks more, as the answer will: :func:`scenarios.verdicts.screen`) is dropped
as dominated, and the rest get twice
the replications (at most ``max_replications``; units already run are reused)
until none is left undecided. Then those dropped as dominated that cost as much as
the cheapest whose mean meets the target run on in the same way (they may tie with
it or be faster) until they are decided or have the most replications any candidate
got, as a brute-force run of every candidate at that many would see them. A
share's interval is the one every share of cases gets
(:func:`scenarios.compare.share_interval`, as the report and the web page show it)
widened, where that is wider, to the Clopper-Pearson interval of all
the decided cases pooled (with several processes, each end the lowest of theirs):
when every replication shows 100 % within the deadline that interval has width
zero, which claims more than some tens of cases can show. The chosen candidate is
the cheapest whose mean meets the target (of equally cheap ones the fastest: the
shortest mean time from complete to decision; the others are its ties); whether it
surely meets the target is Holm's step-down over every candidate's interval
(:func:`scenarios.verdicts.jointly_sure`: 95 % for all the candidates tried taken together, as the answer
picks among them), and if not, the cheapest candidate that surely does is named. Every
candidate run is reported, with the cost-time frontier (no other candidate is
both cheaper and faster). The frontier compares like with like: two candidates'
mean days from complete to decision are compared over the replications both have
(common random numbers), by the Student-t interval of their paired differences at
``screen_level`` shared among all the pairs compared (Bonferroni); when it is not
sure which is faster, both are run on (twice the replications, the first ones
reused) up to the most any candidate got, and over that many their means decide,
as a brute-force run of every candidate at that many would. A candidate runs on
only while its place on the frontier is unsure: one surely slower than one as
cheap or cheaper is off it, one surely faster than all of those (or the cheapest)
on it. It is not compared with a cheaper one that another as cheap as it is surely
faster than (by the same pairwise intervals): were that one faster than it, the
other would be too, so that comparison decides nothing, and neither runs on for it. The candidates the answer orders by their days (the cheapest meeting the
target and those as cheap; when needed, the cheapest meeting it at the bad end and
those as cheap) are all run to the most, so the answer is the brute-force run's.
A candidate dearer than the cheapest that surely meets the target (the chosen one when
it does, else the safe one) changes nothing
the answer says: it is not run on for the frontier, and where its place on it stays
unsure over the replications it has, that place is not needed (``frontier`` ``None``,
"not needed: a cheaper one meets the goal"); the frontier up to that cost is the
brute-force run's. The statuses stay those of the search. For a mean-time target the answer's figure is not:
stopping when the screen is clear of the target is sequential stopping, and the 95 % interval over the
replications that decided it held a known mean in only 92.5 % of searches; every candidate then runs as many
fresh replications as the search gave it (replications n + 1 to 2n, :func:`_confirmed`), and its figure, its
95 % interval and whether it meets the target by its mean or at its interval's bad end are told from those
alone, which the stopping never saw (95 % again). A share target's interval, widened to the pooled cases,
keeps 95 % through the stopping and stays the search's.

This module runs the search; its pieces live beside it: the target, the request and the result
(:mod:`scenarios.goal`) and the scenario the levers change (:mod:`scenarios.goal_base`), both importable from
here too; a candidate's replications and their intervals (:mod:`scenarios.candidate_run`); the screening,
the answer and the candidates' rows (:mod:`scenarios.verdicts`); the cost-time frontier's pairwise rule
(:mod:`scenarios.frontier`).

A program (the web app) calls::

    request = OptimiseRequest(base=base_scenario(["helsingborg"]), target=Target(share=0.95))
    result = optimise(request, executor=None, progress=None, cancel=None)
    result.chosen.candidate.label, result.to_json()
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from typing import Any

from processes.errors import InputError, SimulationError
from processes.params import SimParams
from scenarios.candidate_run import Run, decided_counts
from scenarios.compare import Estimate, estimate
from scenarios.execute import parsed_member, point_inputs
from scenarios.frontier import pair_level, place
from scenarios.goal import (
    JOINT_LEVEL,
    TIME_FIGURE,
    Cancelled,
    Evaluated,
    OptimiseRequest,
    OptimiseResult,
    Settled,
    Target,
    kr_to_ore,
    time_key,
)
from scenarios.goal_base import base_scenario, sets_of, shipped_scenario
from scenarios.levers import (
    Candidate,
    LeverProblem,
    Levers,
    annual_cost,
    check_levers,
    current_candidate,
    default_levers,
    lever_problem,
    lever_sets,
)
from scenarios.road import execute, prepare
from scenarios.settings import Origin
from scenarios.settle import chance_to_meet, likeliest, settle_projection
from scenarios.study import Scenario, Study, build_scenario
from scenarios.verdicts import answer_cost, answer_group, finish, jointly_sure, screen, sure_cost

__all__ = ["Target", "OptimiseRequest", "Evaluated", "OptimiseResult", "Cancelled", "optimise", "base_scenario",
           "shipped_scenario", "lever_defaults", "request_problem", "fresh"]

_LEVERS = Origin("optimise")


def _candidate_scenario(base: Scenario, index: int, candidate: Candidate, sets: list[tuple[str, Any]],
                        replications: int) -> Scenario:
    return build_scenario(
        name=f"candidate-{index}", question=candidate.label, source=base.source,
        bases=[m.base for m in base.points[0].members],
        settings=base.settings.with_replications(replications, _LEVERS),
        sets=sets_of(base) + [(path, value, _LEVERS) for path, value in sets],
        shared_pools=base.shared_pools)


class _Memory:
    """The search's cache: a candidate given more replications does not run its first ones again."""

    def __init__(self) -> None:
        self.store: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        return self.store.get(key)

    def put(self, key: str, value: Any) -> None:
        self.store[key] = value


def _per_replication(values: Mapping[str, Estimate], members: Sequence[str], figure: str,
                     worst: Callable[[Sequence[float]], float]) -> list[float]:
    series = [values[f"{m}/{figure}"].values for m in members if f"{m}/{figure}" in values]
    if len(series) != len(members):
        return []
    return [worst(list(column)) for column in zip(*series, strict=True)]


def _simulation_params(base: Scenario) -> dict[str, SimParams]:
    params: dict[str, SimParams] = {}
    for text in point_inputs(base.points[0]):
        simulation = parsed_member(text)[1]
        if simulation is None:
            raise InputError("the profile has no simulation: section", file=text[4])
        params[text[0]] = simulation
    return params


def _clockless(params: dict[str, SimParams]) -> list[str]:
    return sorted(name for name, p in params.items() if p.clock is None)


def without_clock(base: Scenario) -> list[str]:
    """The processes of ``base`` whose profile has no legal clock (no share within a deadline to seek)."""
    return _clockless(_simulation_params(base))


def lever_defaults(base: Scenario, pool: str = "officer") -> Levers:
    """The lever values a request with empty levers would search (to fill a form)."""
    return default_levers(base, _simulation_params(base), pool)


def request_problem(request: OptimiseRequest) -> LeverProblem | None:
    """The first lever value of ``request`` its processes cannot take (for a caller that words it
    itself, before :func:`optimise` refuses it naming the command's options), or ``None``."""
    params = _simulation_params(request.base)
    levers = Levers(request.officers, request.fte, tuple(request.levels))
    return lever_problem(levers, request.base, params, request.pool)


def _executed(plan: Any, executor: Executor | None, memory: _Memory, tick: Callable[[int], None],
              candidates: Sequence[Candidate], base: Scenario) -> Any:
    """``plan`` run (its units found in ``memory`` reused); a failed unit raised naming its candidate. ``tick`` is
    told of the units run, not of those found (they were counted when they ran), so it adds up to the work units."""
    found = plan.cached(memory)

    def ran(n: int) -> None:
        nonlocal found
        skipped = min(found, n)
        found -= skipped
        if n > skipped:
            tick(n - skipped)

    batch = execute(plan, executor=executor, cache=memory, progress=ran)
    if batch.failures:
        failure = batch.failures[0]
        raise SimulationError(f"candidate {candidates[int(failure.scenario.split('-')[1])].label}: {failure.message}",
                              file=base.source)
    return batch


def optimise(request: OptimiseRequest, *, executor: Executor | None = None,
             progress: Callable[[int], None] | None = None,
             cancel: Callable[[], bool] | None = None) -> OptimiseResult:
    """Seek the cheapest candidate meeting ``request.target`` (see the module docstring).

    ``executor``: where work units run (``None``: here); ``progress(n)``: ``n`` more
    work units finished; ``cancel()``: checked as units finish and between rounds,
    true stops the search with :class:`Cancelled`. The result is the same for any
    executor and worker count.
    """
    base, target = request.base, request.target
    params = _simulation_params(base)
    if target.share is not None:  # no clock, no deadline: every candidate would "miss" a share it cannot have
        clockless = _clockless(params)
        if clockless:
            raise InputError(f"{', '.join(clockless)}: the profile has no legal clock (simulation: clock:), so no "
                             "share of cases within a deadline can be measured; set a target for the mean time "
                             "instead", file=base.source)
    defaults = default_levers(base, params, request.pool)
    levers = Levers(request.officers or defaults.officers, request.fte or defaults.fte,
                    tuple(request.levels) or defaults.levels)
    check_levers(levers, base, params, request.pool)
    candidates = levers.candidates()
    sets = [lever_sets(c, base, params, request.pool) for c in candidates]
    prices = [annual_cost(c, base, params, request.pool, request.costs) for c in candidates]
    members = base.member_names
    memory = _Memory()
    reps = [request.first_replications] * len(candidates)
    active = set(range(len(candidates)))
    status: dict[int, str] = {}
    results: dict[int, Run] = {}
    units = 0
    keep, cap = math.inf, 0  # once the search has run: the answer's cost (:func:`answer_cost`), the most replications

    def tick(n: int) -> None:
        if progress is not None:
            progress(n)
        if cancel is not None and cancel():
            raise Cancelled("the goal seek was cancelled")

    while active:
        if cancel is not None and cancel():
            raise Cancelled("the goal seek was cancelled")
        order = sorted(active)
        study = Study("optimise", "goal seek", base.source,
                      tuple(_candidate_scenario(base, i, candidates[i], sets[i], reps[i]) for i in order))
        plan = prepare(study, case_rows=target.share is not None)  # the case rows only count a share target
        units += len(plan.jobs) - plan.cached(memory)
        batch = _executed(plan, executor, memory, tick, candidates, base)
        for i, point in zip(order, batch.points, strict=True):
            figures = point.summary.figures
            values = _per_replication(figures, members, target.figure, target.worst)
            times = _per_replication(figures, members, TIME_FIGURE, lambda v: max(v) if v else math.nan)
            counts = decided_counts(point.cases, members) if target.share is not None else None
            results[i] = Run(values, estimate(times), counts)
        active = screen(active, candidates, prices, reps, results, status, target, request, keep, cap)
        if not active:
            # one dropped as dominated (undecided, as costly as one that surely meets the target) may tie with the
            # answer, or be faster, when it costs as much as the answer: those run on as the search runs any, until
            # they are decided or have the most replications any candidate got, as a brute-force run of every
            # candidate at that many sees them (not further: that would raise the most for every comparison)
            keep, cap = answer_cost(results, status, prices, target), max(reps[i] for i in results)
            active = {i for i in results
                      if status[i] == "dominated" and kr_to_ore(sum(prices[i])) == keep and reps[i] < cap}
            for i in active:
                reps[i] = min(2 * reps[i], cap)
    # The frontier, like with like: candidates compared pairwise over the same replications, run on (doubling, to the
    # most any got) until every one is surely on or off it, or has as many as the others it is compared with
    most = max(reps[i] for i in results)
    series = {i: list(results[i].time.values) for i in results}
    if target.share is None:
        # a mean time's interval over the replications that decided when to stop holds the truth too seldom (stopping
        # when the screen is first clear of the target favours intervals that happen to be narrow or far out): the
        # answer's comes from as many fresh ones; the frontier's run-on finds them run
        results, done = _confirmed(base, candidates, sets, reps, target, members, executor, memory, tick)
        units += done
    runs = {i: reps[i] for i in results}
    kr = {i: kr_to_ore(sum(prices[i])) for i in results}
    # a share target's candidates stop when they look sure: each of their looks spends part of the level
    looks = request.looks if target.share is not None else 1
    must = answer_group(results, status, kr, target, looks)  # the answer's tie-breaks: over the most, as before
    level = pair_level(kr, request.screen_level)
    # a candidate dearer than one that surely meets the target (the answer's sure one, all candidates taken
    # together: the chosen one when it is sure, else the safe one) decides nothing the answer says: it is not
    # run on to place it on the frontier, and where its place stays unsure it is "not needed" (frontier None)
    sure = sure_cost(results, kr, target, looks)
    frontier_units = 0
    while True:
        on, more, unsure = place(series, runs, kr, most, level)
        more = {i for i in more if kr[i] <= sure} | {i for i in must if runs[i] < most}
        if not more:
            break
        if cancel is not None and cancel():
            raise Cancelled("the goal seek was cancelled")
        behind = sorted(more)
        for i in behind:
            runs[i] = min(2 * runs[i], most)
        study = Study("optimise", "goal seek: the frontier's replications", base.source,
                      tuple(_candidate_scenario(base, i, candidates[i], sets[i], runs[i]) for i in behind))
        plan = prepare(study, case_rows=target.share is not None)  # as the search's: its units are found
        done = len(plan.jobs) - plan.cached(memory)
        frontier_units += done
        units += done
        batch = _executed(plan, executor, memory, tick, candidates, base)
        for i, point in zip(behind, batch.points, strict=True):
            series[i] = _per_replication(point.summary.figures, members, TIME_FIGURE,
                                        lambda v: max(v) if v else math.nan)
    days = {i: estimate(series[i]) for i in results}
    evaluated = finish(candidates, prices, reps, results, status, target, days, runs, on, members,
                       {i for i in unsure if kr[i] > sure})
    chosen = next((e for e in evaluated if e.status == "chosen"), None)
    # "sure" taken together over every candidate tried (Holm), not each at its own 95 %: the answer picks
    # among them
    sure_ones = jointly_sure(results, target, looks)
    surely = [e for i, e in zip(sorted(results), evaluated, strict=True) if i in sure_ones]
    holds = chosen is not None and any(e is chosen for e in surely)
    safe = None if holds else min(surely, key=lambda e: (kr_to_ore(e.cost), time_key(e.time)), default=None)
    ties = () if chosen is None else tuple(sorted(
        (e for e in evaluated if e is not chosen and e.status in ("feasible", "undecided")
         and target.met(e.target_value.mean) and kr_to_ore(e.cost) == kr_to_ore(chosen.cost)),
        key=lambda e: time_key(e.time)))
    today = current_candidate(base, params, request.pool)
    today_run = None if today is None else next(
        (e for e in evaluated if (e.candidate.officers, e.candidate.level) == (today.officers, today.level)
         and math.isclose(e.candidate.fte, today.fte, abs_tol=1e-9)), None)
    result = OptimiseResult(target, members, request.pool, base.seed, levers, evaluated, chosen, holds, units, safe,
                            ties, today, today_run, most, frontier_units, request.screen_level)
    if holds or safe is not None or not results:
        return result
    # none is sure: the closest (the chosen one, whose mean meets the target; else the likeliest to), how likely it
    # is to meet it from what was seen, and the fresh replications that would make it sure on their own
    index = {e.candidate: i for i, e in zip(sorted(results), evaluated, strict=True)}
    near = chosen or evaluated[likeliest([chance_to_meet(results[index[e.candidate]], target) for e in evaluated],
                                         [kr_to_ore(e.cost) for e in evaluated])]
    run = results[index[near.candidate]]
    projection = settle_projection(run, target, JOINT_LEVEL)  # at the level the settling runs are judged at
    result = replace(result, closest=near, chance=chance_to_meet(run, target), to_settle=projection.replications,
                     not_projected=projection.why_not)
    if not request.settle:
        return result
    # after every replication its figures and days were read from (a mean target's fresh ones are n + 1 to 2n)
    after = max(near.days_reps, near.replications * (1 if target.share is not None else 2))
    i = index[near.candidate]
    scenario = _candidate_scenario(base, i, candidates[i], sets[i], after + request.settle)
    plan = prepare(Study("optimise", "goal seek: settling the closest", base.source, (scenario,)),
                   case_rows=target.share is not None)
    units = units + len(plan.jobs) - plan.cached(memory)
    point = _executed(plan, executor, memory, tick, candidates, base).points[0]
    values = _per_replication(point.summary.figures, members, target.figure, target.worst)[after:]
    counts = (decided_counts([r for r in point.cases if int(r[0]) >= after], members)
              if target.share is not None else None)
    fresh_run = Run(values, estimate(values), counts)
    judged = fresh_run.interval(target, JOINT_LEVEL)
    return replace(result, work_units=units, settled=Settled(near.candidate, after, request.settle, judged,
                                                             target.met(target.bad_end(judged))))


def _confirmed(base: Scenario, candidates: Sequence[Candidate], sets: Sequence[list[tuple[str, Any]]],
               reps: Sequence[int], target: Target, members: Sequence[str], executor: Executor | None,
               memory: _Memory, tick: Callable[[int], None]) -> tuple[dict[int, Run], int]:
    """Each candidate's confirming batch: replications ``reps[i] + 1`` to ``2 * reps[i]``, as many as the search
    gave it and none of those (independent of them, so their 95 % interval holds the truth 95 % of the time however
    the search stopped), as the runs the answer is told from; and the work units this ran."""
    order = sorted(range(len(reps)))
    study = Study("optimise", "goal seek: the confirming replications", base.source,
                  tuple(_candidate_scenario(base, i, candidates[i], sets[i], 2 * reps[i]) for i in order))
    plan = prepare(study, case_rows=False)  # a mean time's figures only: no case rows to count
    done = len(plan.jobs) - plan.cached(memory)
    batch = _executed(plan, executor, memory, tick, candidates, base)
    runs = {}
    for i, point in zip(order, batch.points, strict=True):
        figures = point.summary.figures
        runs[i] = fresh(_per_replication(figures, members, target.figure, target.worst),
                        _per_replication(figures, members, TIME_FIGURE, lambda v: max(v) if v else math.nan), reps[i])
    return runs, done


def fresh(values: Sequence[float], times: Sequence[float], searched: int) -> Run:
    """The run of the replications after the first ``searched`` (the search's), as many again: the target figure
    and the time per replication of ``2 * searched`` replications in, the confirming batch's run out."""
    return Run(list(values[searched:2 * searched]), estimate(list(times[searched:2 * searched])), None)
