"""What a process started by permitflow serve's fork server (an upload's check, a run apart, a pool worker) costs
before its call runs, with and without `cli` preloaded in the fork server.

CPython (3.11-3.13) never applies a "__main__" preload (the fork server is given the main script's path under a
key it then drops), so each process it starts runs the main script again: for the console script that is
`from cli import main`, an import of cli and what it imports. This script is such a main script: it imports cli
at the top, starts a fork server as web.runs.Runs does (with web.whatif and scenarios.road preloaded, as the
app asks, plus cli or not) and times ``--calls`` trivial Runs.call_apart calls: the wall time of each, and the
CPU time the process spent before its call ran (time.process_time() in it; a forked process starts from 0).
Each variant runs in a fresh process (the fork server is one per process), alternately, ``--repeat`` times.

    PYTHONPATH=. .venv/bin/python bench/bench_serve_forkstart.py --calls 15 --repeat 3
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

from cli import main  # noqa: F401 - what the console script imports: what each process runs again
from web.runs import Runs


def measure(extra: tuple[str, ...], calls: int) -> str:
    runs = Runs(2, preload=("web.whatif", "scenarios.road", *extra))
    try:
        runs.call_apart(os.getpid)  # starts the fork server
        wall, cpu = [], []
        for _ in range(calls):
            t = time.perf_counter()
            cpu.append(runs.call_apart(eval, "__import__('time').process_time()"))
            wall.append(time.perf_counter() - t)
    finally:
        runs.close()
    return (f"preload +{list(extra)}: wall median {statistics.median(wall):.3f} s ({min(wall):.3f}-{max(wall):.3f}), "
            f"CPU before the call median {statistics.median(cpu):.3f} s ({min(cpu):.3f}-{max(cpu):.3f})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=15, help="processes started per variant (default 15)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of both variants (default 3)")
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # in the child: the extra preload, comma-separated
    args = parser.parse_args()
    if args.variant is not None:
        print(measure(tuple(m for m in args.variant.split(",") if m), args.calls), flush=True)
        sys.exit(0)
    print(f"load {os.getloadavg()[0]:.1f}, {time.strftime('%H:%M UTC', time.gmtime())}")
    for _ in range(args.repeat):
        for variant in ("", "cli"):
            subprocess.run([sys.executable, __file__, "--calls", str(args.calls), "--variant", variant], check=True)
