"""The web page's goal seek on a manager's first try: does it end in an answer to act on, and at what cost?

The page's own path (:func:`web.goalrequest.goal_request`, then :func:`scenarios.optimise.optimise` as
:func:`web.goalseek.seek` calls it) for one library municipality at a share of decisions within 4 months,
here (one worker, as ``permitflow optimise --workers 1``). Each argument is one form as JSON, every key
optional: ``place`` (default helsingborg), ``percent`` (95), ``who`` ("today": keep today's decision level;
default every level), ``years`` (a horizon such as "0.5y"; default the profile's), ``seed`` (default the
profile's), ``cap`` (the most replications; default the page's, :data:`web.goalrequest.REPLICATIONS`). One JSON
line per form: the combinations, the work units, the most replications any got, the wall and CPU seconds, the
chosen one with its interval's low end, whether it is sure for all the combinations together, and the cheapest
sure one when it is not.

    .venv/bin/python bench/bench_web_goal_default.py '{}'                        # the page's default form
    .venv/bin/python bench/bench_web_goal_default.py '{"cap": 20}' '{"seed": 1}' '{"who": "today"}'
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from scenarios.bases import library_base
from scenarios.optimise import optimise
from web.goalrequest import REPLICATIONS, goal_request

_KEYS = {"place", "percent", "who", "years", "seed", "cap"}


def _said(row: dict[str, Any] | None) -> str | None:
    if row is None:
        return None
    return f"{row['label']} (low end {row['target_figure'].get('low')})"


def measure(form: dict[str, Any]) -> dict[str, Any]:
    """The search for ``form`` (see the module docstring) and what it found."""
    base = library_base(form.get("place", "helsingborg"), source="web form", line=None)
    request = goal_request([base], form.get("percent", 95), keep_level=form.get("who") == "today",
                           horizon=form.get("years"), seed=form.get("seed"))
    request = dataclasses.replace(request, max_replications=form.get("cap", REPLICATIONS[1]))
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    result = optimise(request, executor=None).to_json()
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return {"form": form, "combinations": len(result["candidates"]), "units": result["work_units"],
            "most_replications": max(c["replications"] for c in result["candidates"]),
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "chosen": _said(result["chosen"]),
            "sure": result["holds_at_bad_end"], "safe": _said(result["safe"])}


def run_forms(argv: list[str], measure: Callable[[dict[str, Any]], dict[str, Any]], keys: set[str],
              description: str) -> int:
    """Each form of ``argv`` (JSON objects of ``keys``) measured, one JSON line each; 2 on a bad form."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("form", nargs="*", default=["{}"], help="a form as JSON (default: the page's, '{}')")
    forms: list[Any] = []
    for text in parser.parse_args(argv).form:
        try:
            form = json.loads(text)
        except json.JSONDecodeError:
            form = None
        if not isinstance(form, dict) or not set(form) <= keys:
            print(f"a form is a JSON object of {', '.join(sorted(keys))}: got {text!r}", file=sys.stderr)
            return 2
        forms.append(form)
    for form in forms:
        print(json.dumps(measure(form), ensure_ascii=False), flush=True)
    return 0


def main(argv: list[str]) -> int:
    return run_forms(argv, measure, _KEYS, "The web page's goal seek on a manager's first try.")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
