"""The library's status quo as the calibration check sees it, printed as a Markdown table.

For every library municipality: 5 replications of 40 applications (seeds 0-4, the same
runs as ``tests/test_library_calibration.py``), cases after the warm-up. Prints the mean
weeks on the legal clock (complete application -> decision) and from submission to the
decision over decided cases, the share of each outcome over all cases, and the share of
decided cases whose handling time was extended.

    .venv/bin/python bench/library_calibration.py

Deterministic (fixed seeds): the same code and library print the same table. Writes nothing.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter

from bpmn_io import library as lib
from processes.params import OUTCOMES
from simulator.engine import simulate

WEEK = 24.0 * 7
SEEDS = range(5)
CASES = 40


def measure(name: str) -> dict[str, float]:
    """The figures of one library municipality (see the module docstring)."""
    entry = lib.load_entry(name)
    process, params = entry.definitions.process(), entry.profile.simulation
    clock, from_submission, extended, outcomes = [], [], 0, Counter()
    for seed in SEEDS:
        result = simulate(process, params, seed=seed, cases=CASES)
        for case in result.cases:
            if case.arrival < result.warmup:
                continue
            outcomes[params.outcomes.get(case.outcome, "other")] += 1
            if not math.isnan(case.decision):
                clock.append((case.decision - case.complete) / WEEK)
                from_submission.append((case.decision - case.arrival) / WEEK)
                extended += case.extended
    total = sum(outcomes.values())
    out = {"clock_weeks": statistics.mean(clock), "submission_weeks": statistics.mean(from_submission),
           "decided": float(len(clock)), "extended_share": extended / len(clock)}
    out.update({f"share_{k}": outcomes[k] / total for k in OUTCOMES})
    return out


def main() -> None:
    print("| municipality | complete→decision (weeks) | submission→decision (weeks) | decided cases | "
          "grant | refusal | withdrawal | dismissal | extended |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in lib.ordered_names():
        f = measure(name)
        shares = " | ".join(f"{f[f'share_{k}']:.3f}" for k in OUTCOMES)
        print(f"| {name} | {f['clock_weeks']:.1f} | {f['submission_weeks']:.1f} | {f['decided']:.0f} | {shares} | "
              f"{f['extended_share']:.3f} |")


if __name__ == "__main__":
    main()
