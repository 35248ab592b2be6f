"""How often the goal seek's 95 % interval for a mean-time target holds a known mean, three ways, in the audit's
design (tests/scenarios/test_optimise_sequential.py: one candidate, target 60 days, replications normal with mean
58-62 days and sd 10, 800 searches each, the search's own stopping rule):

- over the replications that decided when to stop (what the answer showed before its fresh replications);
- over as many fresh replications after them (what it shows now: :func:`scenarios.optimise.fresh`);
- over the searched replications at Bonferroni-split repeated confidence intervals, 1 - 0.05 / 4 for the four
  looks (5, 10, 20, 40 replications): the stricter sequential bound that needs no more replications.

    .venv/bin/python bench/optimise_coverage.py

Prints, for each, the searches that held the mean, the mean width, and at the target how many said "holds at
the bad end"; and Binomial's central 99.98 % for a 95 % interval. Deterministic (seed 20261207, the test's draws).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.stats import binom

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "scenarios")]  # the test's search helper, not a copy of it

from test_optimise_sequential import MEANS, SEARCHES, TARGET, searched  # noqa: E402

from scenarios.compare import estimate  # noqa: E402
from scenarios.optimise import fresh  # noqa: E402

LOOKS = 4  # 5, 10, 20, 40 replications


def main() -> int:
    rng = np.random.default_rng(20261207)
    ways = ("searched", "fresh", "bonferroni")
    held = dict.fromkeys(ways, 0)
    said = dict.fromkeys(ways, 0)
    widths: dict[str, list[float]] = {w: [] for w in ways}
    counts = []
    for mean in MEANS:
        for _ in range(SEARCHES):
            values = list(rng.normal(mean, 10.0, size=80))
            stopped = searched(values[:40])
            n = len(stopped.values)
            counts.append(n)
            est = {"searched": stopped, "fresh": fresh(values, values, n).interval(TARGET, 0.95),
                   "bonferroni": estimate(values[:n], level=1 - 0.05 / LOOKS)}
            for way, e in est.items():
                held[way] += e.low <= mean <= e.high
                widths[way].append(e.high - e.low)
                if mean == 60.0:
                    said[way] += TARGET.met(TARGET.bad_end(e))
    total = len(MEANS) * SEARCHES
    low, high = int(binom.ppf(1e-4, total, 0.95)), int(binom.ppf(1 - 1e-4, total, 0.95))
    print(f"{total} searches; a 95 % interval holds the mean in {low}-{high} of them (Binomial's central 99.98 %); "
          f"searched replications per search {np.mean(counts):.2f} on average")
    for way in ways:
        print(f"{way:<11} held {held[way]:>4} ({held[way] / total:.1%})  mean width {np.mean(widths[way]):.2f} days  "
              f"at the target 'holds at the bad end' {said[way]} of {SEARCHES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
