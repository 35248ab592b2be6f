"""Issue 16 goal 3: an uncertainty run of 64 assumption points x 10 replications x 3 municipalities x
1 year in <= 60 s on 2 cores, byte-identical for 1 or 2 workers. A benchmark, not a test.

    .venv/bin/python bench/bench_uncertainty.py                 # 1 and 2 workers, 64 points
    .venv/bin/python bench/bench_uncertainty.py --workers 2     # only 2 workers
    .venv/bin/python bench/bench_uncertainty.py --with-baseline # also delegated-to-officer (twice the units)

The study is the status quo of Helsingborg, Landskrona and Åstorp simulated together (scenarios/
status-quo.yaml) with one year and 10 replications; the run is scenarios.uncertainty.run_uncertainty
(the nominal scenario and every assumption point, on the one road, through a process pool). Wall
time and CPU seconds (this process and its children) are printed with the load average before and
after, and the SHA-256 of the uncertainty document, which must be the same for every worker count.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scenarios.executors import executor_for  # noqa: E402
from scenarios.loader import read_any  # noqa: E402
from scenarios.settings import Origin  # noqa: E402
from scenarios.study import Study  # noqa: E402
from scenarios.uncertainty import plan_uncertainty, run_uncertainty  # noqa: E402


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def study(with_baseline: bool) -> Study:
    files: list[str | Path] = [ROOT / "scenarios" / ("delegated-to-officer.yaml" if with_baseline else "status-quo.yaml")]
    loaded = read_any(files).with_replications(10, Origin("bench"))
    from dataclasses import replace

    from scenarios.study import build_scenario

    one_year = []
    for s in loaded.scenarios:
        sets = [(o.written, o.value, o.origin) for o in s.points[0].overrides if o.what == "set"]
        settings = replace(s.settings, horizon="1y", origins={**s.settings.origins, "horizon": Origin("bench")})
        one_year.append(build_scenario(name=s.name, question=s.question, source=s.source,
                                       bases=[m.base for m in s.points[0].members], settings=settings, sets=sets,
                                       shared_pools=s.shared_pools, baseline=s.baseline, baseline_line=s.baseline_line))
    return replace(loaded, scenarios=tuple(one_year))


def run(workers: int, points: int, with_baseline: bool) -> tuple[float, float, str, int]:
    chosen = study(with_baseline)
    units = sum(s.replications for s in chosen.scenarios) * (points + 1)
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), _cpu()
    with executor_for(workers=workers, jobs=units) as executor:
        doc = run_uncertainty(chosen, points=points, seed=2025, executor=executor)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    digest = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:16]
    print(f"workers {workers}: {units} work units, wall {wall:.1f} s, CPU {cpu:.1f} s, "
          f"load {load:.1f} -> {os.getloadavg()[0]:.1f}, document {digest}", flush=True)
    return wall, cpu, digest, units


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, action="append", help="worker counts (default: 1 and 2)")
    parser.add_argument("--points", type=int, default=64)
    parser.add_argument("--with-baseline", action="store_true")
    args = parser.parse_args(argv)
    if args.points < 2:
        parser.error(f"--points {args.points}: expected at least 2 assumption points")
    plan = plan_uncertainty(study(args.with_baseline), points=args.points, seed=2025)
    print(f"{len(plan.study.scenarios)} variant scenarios, {len(plan.factors)} factors, "
          f"{os.cpu_count()} cores", flush=True)
    counts = args.workers or [1, 2]
    digests = {run(w, args.points, args.with_baseline)[2] for w in counts}
    across = "worker counts" if len(set(counts)) > 1 else "runs"
    if len(counts) == 1:
        print(f"one run (--workers {counts[0]}): no other document to compare with")
    else:
        print(f"byte-identical across {across}" if len(digests) == 1 else f"DIFFERENT documents: {digests}")


if __name__ == "__main__":
    main()
