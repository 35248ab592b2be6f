"""The supplement wait of models discovered from short logs, over many seeds: the fit against the waits the log
held. Not a test.

bench/discover_truth.py fits the wait for a supplement (*Invänta komplettering*, triangular 3 days / 1 week / 5
weeks, mean 360 h, ended at 4 weeks by its timer) above 360 h on the seed-7 log cut at days 90, 100 and 120. A
log that short holds 17 to 28 such waits, so the question is whether the fit strays from the waits the log held
or those waits strayed from 360 h. Per seed and export day, Helsingborg's model simulated as in
bench/discover_truth.py, cut by bench/export_cut.py, discovered and calibrated as there; printed: the fitted
mean, the waits the fit counted completed and open at the export, the waits truly open then (bench/export_cut.py's
count), the waits that began before the export and their own mean as the whole simulated log shows them
(completed before or after the export; the timer's cut-offs counted apart, as their length is unknown beyond
4 weeks), and the mean over the seeds::

    PYTHONPATH=. .venv/bin/python bench/discover_supplement_seeds.py --seeds 20 --days 90 100 120

Deterministic (fixed seeds). Writes only in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.export_cut import export_cut
from bpmn_io.caselog import LogTable
from bpmn_io.logfiles import read_log
from calibrate.core import calibrate
from calibrate.discover import discover_model
from calibrate.mapping import map_activities

WAIT = "Invänta komplettering"
WAIT_ID = "Task_Invanta_Komplettering"  # its id in Helsingborg's model, which the truth counts by
TIMER = "Svarstiden ute"
CUT_OFF_H = 672.0  # the timer's 4 weeks
TRUE_MEAN_H = (72.0 + 168.0 + 840.0) / 3


def begun_waits(table: LogTable, export: float) -> tuple[np.ndarray, int]:
    """The supplement waits of the whole ``table`` begun before ``export`` (wall-clock seconds): the hours of
    those that completed (before or after it) and how many the timer ended (the simulator writes a wait its
    timer ends as the timer's firing 4 weeks after the request, no row of the wait)."""
    wait, timer = table.activities.index(WAIT), table.activities.index(TIMER)
    done = (table.activity == wait) & (table.start < export)
    fired = (table.activity == timer) & (table.end - CUT_OFF_H * 3600 < export)
    return (table.end[done] - table.start[done]) / 3600, int(np.count_nonzero(fired))


def fitted_wait(log: Path) -> tuple[float, int, int]:
    """The discovered model's supplement wait fitted from ``log``: mean hours, completed waits, open ones."""
    table, _ = read_log(str(log))
    found = discover_model(table)
    result = calibrate(found.defs, found.table, map_activities(found.defs, found.table), base=found.base())
    fits = result.report["durations"]
    eid = next(k for k, n in found.defs.process().nodes.items() if getattr(n, "name", "") == WAIT)
    return float(fits[eid]["mean_hours"]), int(fits[eid]["n"]), int(fits[eid].get("open_at_export", 0))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="seeds 1..N (default 20)")
    parser.add_argument("--days", type=int, nargs="+", default=[90, 100, 120], help="export days (default 90 100 120)")
    args = parser.parse_args(argv)
    from click.testing import CliRunner

    from cli import cli

    began, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    print(f"load average before {os.getloadavg()[0]:.1f}")
    print("| day | seed | fitted h | completed / open (fit) | open in truth | begun: completed, their mean h | timer |")
    print("|---|---|---|---|---|---|---|")
    fitted: dict[int, list[float]] = {d: [] for d in args.days}
    held: dict[int, list[float]] = {d: [] for d in args.days}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, args.seeds + 1):
            log = Path(tmp) / f"log{seed}.xes"
            sim = CliRunner().invoke(cli, ["simulate", "helsingborg", "--years", "2", "--seed", str(seed), "-q",
                                           "-r", "1", "--eventlog", str(log), "--set", "arrivals.per_year=120",
                                           "--set", "pools.officer.fte=1.0", "--set", "pools.registry.fte=1.0"])
            if sim.exit_code != 0:
                raise SystemExit(f"simulate, seed {seed}: {sim.output}")
            whole, _ = read_log(str(log))
            for day in args.days:
                cut = Path(tmp) / f"ex{seed}_{day}.xes"
                truly, export, _ = export_cut(log, cut, day)
                hours, timed = begun_waits(whole, export.timestamp())
                mean, n, opened = fitted_wait(cut)
                fitted[day].append(mean)
                held[day].append(float(hours.mean()))
                print(f"| {day} | {seed} | {mean:.0f} | {n} / {opened} | {truly[WAIT_ID]} | {hours.size}, "
                      f"{hours.mean():.0f} | {timed} |", flush=True)
    for day in args.days:
        f, h = np.array(fitted[day]), np.array(held[day])
        print(f"day {day}: mean fitted {f.mean():.1f} h over {f.size} seeds (true {TRUE_MEAN_H:.0f} h); the waits "
              f"begun before the export, completed: mean {h.mean():.1f} h; fitted minus theirs: mean "
              f"{(f - h).mean():+.1f} h, correlation {np.corrcoef(f, h)[0, 1]:.2f}")
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    print(f"{time.perf_counter() - began:.1f} s wall, {cpu:.1f} CPU s; load average after {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
