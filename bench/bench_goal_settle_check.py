"""Does the goal seek's "about N more runs would settle it" hold? Run the N and count how often they settle it.

For each form and each seed from 1 to ``seeds``, the goal seek as the web page asks it
(:func:`web.goalrequest.goal_request`; ``officers``, ``fte``, ``levels`` narrow the combinations, ``first`` and
``cap`` set the replications, ``mean_days`` seeks a mean time instead of the share of decisions within 4 months);
where none is sure and a number is projected (:func:`scenarios.settle.settle_projection`), the same search again
with ``settle`` at that number, as the page's button and ``--settle N`` ask it: whether those fresh runs, judged
alone at 95 %, settled it. For comparison the number the projection gave before (the runs seen repeated,
:func:`scenarios.settle.sure_with`, the least from 3 that is sure) and how often that settled it. One JSON line
per form: the seeds where none was sure, the numbers projected, how many of those runs settled it (each way),
the reasons none was projected, the closest's mean chance to meet the target where a number was projected
and what that chance times 4/5 makes of the seeds (the count promises 4 in 5 only if the combination is what its
runs showed, and it meets the target at all only with about its chance), and the wall and CPU seconds.

    .venv/bin/python bench/bench_goal_settle_check.py \\
        '{"place": "astorp", "officers": [1], "fte": [0.25], "levels": ["officer"], "first": 3, "cap": 12}'

The forms are read as bench_web_goal_default.py reads its own (argparse there, ``run_forms``).
"""

from __future__ import annotations

import dataclasses
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, also when run by runpy
from bench_web_goal_default import run_forms  # noqa: E402

import scenarios.optimise as search
from scenarios.bases import library_base
from scenarios.candidate_run import Run
from scenarios.goal import JOINT_LEVEL, MOST_SETTLE, SETTLE_POWER, OptimiseRequest, Target
from scenarios.settle import sure_with
from web.goalrequest import REPLICATIONS, goal_request

_KEYS = {"place", "percent", "officers", "fte", "levels", "first", "cap", "mean_days", "seeds"}


def _repeated(run: Run, target: Target) -> int | None:
    """The projection the goal seek gave before: the fewest from 3 whose runs, the seen ones repeated, are sure."""
    return next((n for n in range(3, MOST_SETTLE + 1) if sure_with(run, target, JOINT_LEVEL, n)), None)


def _request(form: dict[str, Any], seed: int) -> OptimiseRequest:
    base = library_base(form.get("place", "helsingborg"), source="bench form", line=None)
    request = goal_request([base], form.get("percent", 95), officers=form.get("officers"), fte=form.get("fte"),
                           levels=form.get("levels"), seed=seed)
    request = dataclasses.replace(request, first_replications=form.get("first", REPLICATIONS[0]),
                                  max_replications=form.get("cap", REPLICATIONS[1]))
    if "mean_days" in form:
        request = dataclasses.replace(request, target=Target(share=None, mean_days=float(form["mean_days"])))
    return request


def measure(form: dict[str, Any]) -> dict[str, Any]:
    """The check for ``form`` (see the module docstring)."""
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    unsure, projected, settled, old, old_settled, why, chances = 0, [], 0, [], 0, {}, []
    judged = search.settle_projection
    for seed in range(1, int(form.get("seeds", 20)) + 1):
        request = _request(form, seed)
        seen: list[Run] = []

        def watched(run: Run, target: Target, level: float, seen: list[Run] = seen, **kwargs: Any) -> Any:
            seen.append(run)  # the closest's runs, to project the old way from (this script only)
            return judged(run, target, level, **kwargs)

        search.settle_projection = watched  # type: ignore[assignment]
        try:
            result = search.optimise(request, executor=None)
        finally:
            search.settle_projection = judged  # type: ignore[assignment]
        if result.closest is None:
            continue
        unsure += 1
        if result.to_settle is None:
            why[result.not_projected] = why.get(result.not_projected, 0) + 1
        else:
            projected.append(result.to_settle)
            chances.append(result.chance)
            again = search.optimise(dataclasses.replace(request, settle=result.to_settle), executor=None)
            settled += bool(again.settled and again.settled.sure)
        n = _repeated(seen[-1], request.target)
        if n is not None:
            old.append(n)
            again = search.optimise(dataclasses.replace(request, settle=n), executor=None)
            old_settled += bool(again.settled and again.settled.sure)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    # the count promises 4 in 5 if the combination is what its runs showed; it meets the target at all only with
    # about its chance, so over the seeds about the mean chance times 4/5 is what to expect
    expected = sum(chances) * SETTLE_POWER
    return {"form": form, "seeds_none_sure": unsure, "projected": projected, "settled": settled,
            "expected_if_chance_right": round(expected, 1), "mean_chance": round(sum(chances) / max(1, len(chances)), 3),
            "not_projected": why, "before_projected": old, "before_settled": old_settled,
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1)}


def main(argv: list[str]) -> int:
    return run_forms(argv, measure, _KEYS, "Do the projected settling runs settle the closest combination?")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
