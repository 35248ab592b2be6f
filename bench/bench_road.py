"""Benchmark: the one road asked the same what-if again and again from one warm process.

A web app or an uncertainty run calls ``scenarios.road`` many times in one Python process;
this measures the CPU time of each phase — build the study (read bases, resolve settings,
apply overrides), prepare (dump and parse each profile, check it against its model, plan
the work units) and execute (here, one unit after the other) — for the first call and the
calls after it.

    .venv/bin/python bench/bench_road.py                  # Helsingborg, officer decides, 1 year
    .venv/bin/python bench/bench_road.py --replications 20 --repeat 5

Writes nothing; bench/RESULTS-road.md records measured figures with the machine and load.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from typing import Any

from scenarios.options import one_scenario_study
from scenarios.road import execute, prepare


def _cpu(step: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    value = step()
    return value, time.process_time() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="helsingborg")
    parser.add_argument("--years", type=float, default=1.0)
    parser.add_argument("--replications", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args(argv)
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}; CPU ms per phase, in one process")
    print("call  build  prepare  execute")
    for call in range(1, args.repeat + 1):
        study, build = _cpu(lambda: one_scenario_study(
            args.model, years=args.years, replications=args.replications, sets=("decision.delegation=officer",)))
        plan, ready = _cpu(lambda: prepare(study))  # noqa: B023 - called at once
        _batch, run = _cpu(lambda: execute(plan))  # noqa: B023 - called at once
        print(f"{call:4d}  {build * 1000:5.0f}  {ready * 1000:7.0f}  {run * 1000:7.0f}")


if __name__ == "__main__":
    main()
