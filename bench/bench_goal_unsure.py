"""A goal seek that ends with no combination sure: how near its candidates were, and what being sure would cost.

For each form (a library municipality at a share of decisions within 4 months, as the web page's goal seek asks
it, :func:`web.goalrequest.goal_request`; ``first`` and ``cap`` set the replications, ``permitflow optimise``'s
``--first-replications`` and ``--max-replications``: 5 and 40 by default there, 3 and 12 on the page), one JSON
line: the search's work units, wall and CPU seconds, the answer, and every *near* candidate (its mean meets the
target, it is not sure with the candidates taken together): its replications, its 95 % interval, its interval at
Holm's first level (``1 - 0.05 / (k * s)`` for k candidates, ``s`` the looks' spending: what it must clear when no
other is sure), the chance it
meets the target from what was seen (:func:`scenarios.settle.chance_to_meet`), and how many replications would
make it sure four times in five were it what its own showed (:func:`scenarios.settle.settle_projection`) — in the
search, at Holm's first level, and as fresh replications judged alone at 95 % (what the goal seek's "settle it"
runs) — with the work units (one a replication) and seconds that would take at the search's CPU seconds per unit.

    .venv/bin/python bench/bench_goal_unsure.py '{"place": "landskrona"}' '{"place": "astorp"}' '{"years": "0.5y"}'
    .venv/bin/python bench/bench_goal_unsure.py '{"place": "landskrona", "first": 5, "cap": 40}'

The forms are read as bench_web_goal_default.py reads its own (argparse there, ``run_forms``).
"""

from __future__ import annotations

import dataclasses
import resource
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, also when run by runpy
from bench_web_goal_default import run_forms  # noqa: E402

import scenarios.optimise as search
from scenarios.bases import library_base
from scenarios.candidate_run import Run
from scenarios.goal import JOINT_LEVEL, look_spending
from scenarios.settle import chance_to_meet, settle_projection
from web.goalrequest import REPLICATIONS, goal_request

_KEYS = {"place", "percent", "who", "years", "seed", "first", "cap"}


def measure(form: dict[str, Any]) -> dict[str, Any]:
    """The search for ``form`` (see the module docstring), its near candidates and what would settle them."""
    base = library_base(form.get("place", "helsingborg"), source="web form", line=None)
    request = goal_request([base], form.get("percent", 95), keep_level=form.get("who") == "today",
                           horizon=form.get("years"), seed=form.get("seed"))
    request = dataclasses.replace(request, first_replications=form.get("first", REPLICATIONS[0]),
                                  max_replications=form.get("cap", REPLICATIONS[1]))
    seen: list[Mapping[int, Run]] = []
    judged = search.jointly_sure

    def watched(results: Mapping[int, Run], target: Any, looks: int = 1) -> frozenset[int]:
        seen.append(dict(results))  # the runs the answer is told from (the last call is the answer's)
        return judged(results, target, looks)

    search.jointly_sure = watched  # type: ignore[assignment]  # to read the runs: this script only
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    try:
        result = search.optimise(request, executor=None)
    finally:
        search.jointly_sure = judged  # type: ignore[assignment]
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    runs, target = seen[-1], request.target
    k = len(result.evaluated)
    looks = request.looks if target.share is not None else 1  # as the search counts them
    first_level = 1.0 - (1.0 - JOINT_LEVEL) / (k * look_spending(looks))
    per_unit = cpu / max(1, result.work_units)
    near: list[dict[str, Any]] = []
    for i, row in zip(sorted(runs), result.evaluated, strict=True):
        run = runs[i]
        if not target.met(run.mean) or i in judged(runs, target, looks):
            continue
        holm = run.interval(target, first_level)
        in_search = settle_projection(run, target, first_level, least=row.replications).replications
        fresh = settle_projection(run, target, JOINT_LEVEL).replications
        near.append({
            "candidate": row.candidate.label, "kr": round(row.cost), "replications": row.replications,
            "ci95": [round(row.target_value.low, 4), round(row.target_value.high, 4)],
            "ci_holm": [round(holm.low, 4), round(holm.high, 4)], "chance": round(chance_to_meet(run, target), 3),
            "sure_in_search_at": in_search,
            "more_units_in_search": None if in_search is None else in_search - row.replications,
            "fresh_alone_at_95": fresh,
            "fresh_seconds": None if fresh is None else round(fresh * per_unit, 1)})
    near.sort(key=lambda r: (int(r["kr"]), -float(r["chance"])))
    return {"form": form, "combinations": k, "holm_first_level": round(first_level, 5),
            "units": result.work_units, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "cpu_ms_per_unit": round(1000 * per_unit, 1),
            "chosen": result.chosen.candidate.label if result.chosen else None, "sure": result.holds_at_bad_end,
            "safe": result.safe.candidate.label if result.safe else None, "near": near[:6],
            "near_count": len(near)}


def main(argv: list[str]) -> int:
    return run_forms(argv, measure, _KEYS, "A goal seek with no combination sure: how near, and the cost.")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
