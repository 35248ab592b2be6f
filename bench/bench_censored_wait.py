"""The supplement wait that a boundary timer ends, calibrated back from simulated logs: how near the truth?

Helsingborg's model and profile simulated for 2 years at 120 applications a year, both pools at full time
(as tests/calibrate/test_interval_coverage.py and the README's validation run), one seed at a time, its
XES calibrated back. The wait for a supplement, ``Task_Invanta_Komplettering``, is triangular 3 days,
1 week, 5 weeks in the library profile (true mean 360 h); its boundary timer ``Timer_Svarstid_Ute`` ends
it at 4 weeks (672 h; about 5.5 % of the waits), and the log then has the timer's event and no completion
of the wait. Per seed: the fitted family and mean, its 95 % interval, whether the interval covers 360 h,
and the waits completed and cut off by the timer as the fit counted them; then the mean fitted mean and
the intervals that covered the truth over all seeds.

    .venv/bin/python bench/bench_censored_wait.py              # seeds 1-20
    .venv/bin/python bench/bench_censored_wait.py --seeds 3    # seeds 1-3

Deterministic (fixed seeds): the same code prints the same table. Writes only in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from cli import cli  # noqa: E402

WAIT = "Task_Invanta_Komplettering"
TRUE_MEAN_H = (72.0 + 168.0 + 840.0) / 3  # triangular 3 d, 1 w, 5 w


def one_seed(runner: CliRunner, folder: Path, seed: int) -> dict:
    """The calibration report's entry for the wait, from the log of ``seed``."""
    log = folder / f"log{seed}.xes"
    sim = runner.invoke(cli, ["simulate", "helsingborg", "--years", "2", "--seed", str(seed), "-q", "-r", "1",
                              "--eventlog", str(log), "--set", "arrivals.per_year=120",
                              "--set", "pools.officer.fte=1.0", "--set", "pools.registry.fte=1.0"])
    if sim.exit_code != 0:
        raise SystemExit(f"simulate, seed {seed}: {sim.output}")
    done = runner.invoke(cli, ["calibrate", "helsingborg", str(log), "-o", str(folder / f"p{seed}.yaml"),
                               "--format", "json"])
    if done.exit_code != 0:
        raise SystemExit(f"calibrate, seed {seed}: {done.output}")
    return dict(json.loads(done.output)["durations"][WAIT])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds 1..N (default 20)")
    args = parser.parse_args()
    began, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    runner = CliRunner()
    means, covered = [], 0
    print(f"true mean {TRUE_MEAN_H:.0f} h; load average before {os.getloadavg()[0]:.1f}\n")
    print("| seed | family | fitted mean, h | 95 % interval, h | covers | completed | cut off by the timer |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.seeds + 1):
            d = one_seed(runner, Path(tmp), seed)
            lo, hi = d["mean_ci"]
            hit = lo <= TRUE_MEAN_H <= hi
            covered += hit
            means.append(d["mean_hours"])
            print(f"| {seed} | {d['family']} | {d['mean_hours']:.1f} | [{lo:.1f}, {hi:.1f}] | {'yes' if hit else 'no'} "
                  f"| {d['n']} | {d.get('censored', '-')} |")
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    print(f"\nmean fitted mean {sum(means) / len(means):.1f} h over {len(means)} seeds (true {TRUE_MEAN_H:.0f} h); "
          f"intervals covering the true mean: {covered} of {len(means)}")
    print(f"{time.perf_counter() - began:.1f} s wall, {cpu:.1f} CPU s; load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
