"""permitflow and Simod on the same training log, scored on the same held-out part (a benchmark, not a test).

The log is ../shared/data/logs/BPIC15_1.xes.gz (a Dutch municipality's building permits; never
copied into the repository). Steps, each a sub-command so a long one can be rerun alone:

1. ``split`` — read the log with permitflow's reader, split it by time exactly as
   ``calibrate --validate`` does (the first 70 % of the cases by their first event train, the
   last 30 % are held out) and write both parts as CSV (case_id, activity, end_time, resource;
   completion times only, as the log has) into the work folder (default
   /tmp/permitflow-simod, outside the repository), and the training part restricted to the
   activities permitflow's ``discover`` keeps (``simod-train-kept.csv``);
2. ``simod`` — run Simod (PyPI ``simod``, in its own environment bench/.venv-simod: ``make
   simod-env``) on the training CSV with a small optimisation budget (below: 2 case-arrival,
   1 control-flow with Simod's one-shot Split Miner parameters and 3 resource-model iterations,
   one evaluation each, no extraneous delays; Simod's defaults are 5/10/10 with 3 evaluations
   each; ``--simod-config round2``: round 2's budget), timed; its output goes to simod.log as
   it runs. ``--kept-activities``: on the activities permitflow keeps. On the whole of BPIC15_1
   Simod does not finish (bench/RESULTS-simod.md, round 3, says why);
3. ``prosimos`` — simulate Simod's best model with Prosimos (installed with Simod) from the
   first held-out day, as many cases as the held-out part has, ``--replications`` times, each
   stopped once Prosimos's clock passes the held-out log's last timestamp;
4. ``permitflow`` — ``discover`` + calibrate on the training CSV (same reader, same
   ``--min-frequency``), simulate over the held-out period on the one road
   (``calibrate.validate.validate_profile``), timed;
5. ``score`` — both tools' simulated logs against the held-out part with the same distances
   (``calibrate.distances``), and, when the Simod environment has it, the same cycle-time EMD
   by the reference package ``log-distance-measures`` for a check.

    python bench/simod_side_by_side.py split
    python bench/simod_side_by_side.py simod --kept-activities
    python bench/simod_side_by_side.py prosimos
    python bench/simod_side_by_side.py permitflow
    python bench/simod_side_by_side.py score
or ``all`` [--work /tmp/permitflow-simod] [--replications 5] for the five in turn. Without Simod in
``--simod-python``'s environment, ``simod``, ``prosimos`` and ``all`` stop before the first step with one line
(``split``, ``permitflow`` and ``score`` run without it); a step whose input an earlier step writes says so.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bpmn_io.caselog import LogTable, from_seconds  # noqa: E402
from bpmn_io.logfiles import read_log  # noqa: E402
from calibrate import distances as dist  # noqa: E402
from calibrate.discover import filtered, frequent_activities  # noqa: E402
from calibrate.validate import score, split_by_start, validate_profile  # noqa: E402

LOG = ROOT.parent / "shared" / "data" / "logs" / "BPIC15_1.xes.gz"
SIMOD_PY = HERE / ".venv-simod" / "bin" / "python"
MIN_FREQUENCY = 0.5
DEADLINE_DAYS = 56.0  # 8 weeks under Dutch law (extendable by 6; the log does not say which cases were)

# Round 1 and 2: a small budget with Simod's default Split Miner ranges (eta and epsilon drawn from 0..1).
# It never finished on BPIC15_1 here: see bench/RESULTS-simod.md, round 3, for why.
SIMOD_CONFIG_ROUND2 = """version: 5
common:
  train_log_path: {train}
  log_ids:
    case: case_id
    activity: activity
    resource: resource
    start_time: start_time
    end_time: end_time
    enabled_time: enabled_time
  perform_final_evaluation: false
  num_final_evaluations: 0
  clean_intermediate_files: true
  discover_data_attributes: false
preprocessing:
  multitasking: false
case_arrival:
  num_iterations: 2
  num_evaluations_per_iteration: 1
control_flow:
  num_iterations: 3
  num_evaluations_per_iteration: 1
  mining_algorithm: sm1
  gateway_probabilities: [discovery, equiprobable]
resource_model:
  num_iterations: 3
  num_evaluations_per_iteration: 1
"""

# Round 3: Split Miner 1 with the parameters of Simod's own one-shot mode (``ControlFlowSettings.one_shot()``:
# epsilon 0.3, eta 0.5) instead of drawing them from 0..1, and Simod's default gateway probabilities
# (``discovery``; "equiprobable" gives the loops of a large discovered model a return chance of one half and
# cases of 30,000+ events). With the control flow fixed there is nothing to search there: one iteration.
# Simod's optimiser still chooses the case-arrival model (2 iterations) and the resource calendars (3).
# The same configuration for every log; nothing here looks at the held-out part.
SIMOD_CONFIG = SIMOD_CONFIG_ROUND2.replace(
    "  num_iterations: 3\n  num_evaluations_per_iteration: 1\n  mining_algorithm: sm1\n"
    "  gateway_probabilities: [discovery, equiprobable]\n",
    "  num_iterations: 1\n  num_evaluations_per_iteration: 1\n  mining_algorithm: sm1\n"
    "  gateway_probabilities: discovery\n  epsilon: 0.3\n  eta: 0.5\n")
assert SIMOD_CONFIG != SIMOD_CONFIG_ROUND2


PROSIMOS_RUN = """
import sys, datetime as dt
from prosimos import simulation_engine as se
from prosimos.simulation_engine import run_simulation
bpmn, js, cases, start, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
until = dt.datetime.fromisoformat(sys.argv[6]) if len(sys.argv) > 6 else None


class PastWindow(Exception):
    pass


if until is not None:  # stop once Prosimos's clock has passed the held-out log's last timestamp
    execute = se.SimBPMEnv.execute_enabled_event

    def bounded(self, event):
        # Prosimos takes events in order of their enabling time (all cases have the same priority), and
        # an event ends at or after its enabling: everything that ends by `until` has been written.
        if event.enabled_datetime > until:
            self.log_writer.force_write()
            raise PastWindow
        return execute(self, event)

    se.SimBPMEnv.execute_enabled_event = bounded
try:
    run_simulation(bpmn, js, cases, stat_out_path=None, log_out_path=out,
                   starting_at=dt.datetime.fromisoformat(start).isoformat())
except PastWindow:
    print("stopped at", until, "(the held-out log's last timestamp)")
"""

REFERENCE = """
import sys, json, datetime as dt, pandas as pd
from log_distance_measures.config import EventLogIDs
from log_distance_measures.cycle_time_distribution import cycle_time_distribution_distance
ids = EventLogIDs(case="case_id", activity="activity", start_time="end_time", end_time="end_time")
real = pd.read_csv(sys.argv[1]); real["end_time"] = pd.to_datetime(real["end_time"], utc=True, format="ISO8601")
out = []
for path in sys.argv[2:]:
    sim = pd.read_csv(path); sim["end_time"] = pd.to_datetime(sim["end_time"], utc=True, format="ISO8601")
    out.append(cycle_time_distribution_distance(real, ids, sim, ids, bin_size=dt.timedelta(hours=1)))
print(json.dumps(out))
"""


def _iso(seconds: float) -> str:
    return from_seconds(seconds).isoformat() + "+00:00"


def write_csv(table: LogTable, path: Path, *, empty_start: bool = False) -> None:
    """The log as CSV; ``empty_start``: with an empty start_time column (Simod then estimates the starts)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case_id", "activity", "end_time", "resource"] + (["start_time"] if empty_start else []))
        for i in range(table.n_events):
            w.writerow([table.case_ids[table.case[i]], table.activities[table.activity[i]], _iso(table.end[i]),
                        table.resources[table.resource[i]] or "NOT_SET"] + ([""] if empty_start else []))


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def step_split(work: Path) -> None:
    table, _ = read_log(LOG)
    train, held = split_by_start(table)
    work.mkdir(parents=True, exist_ok=True)
    write_csv(train, work / "train.csv")
    write_csv(train, work / "simod-train.csv", empty_start=True)
    write_csv(held, work / "test.csv")
    # the same activities permitflow's discover keeps (in at least MIN_FREQUENCY of the training cases)
    write_csv(filtered(train, frequent_activities(train, MIN_FREQUENCY)), work / "simod-train-kept.csv",
              empty_start=True)
    (work / "split.json").write_text(json.dumps({
        "training_cases": train.n_cases, "training_period": train.period_text(), "heldout_cases": held.n_cases,
        "heldout_period": held.period_text(),
        "heldout_first": from_seconds(float(held.end.min())).date().isoformat(),
        "heldout_last": _iso(float(held.end.max()))}, indent=2))
    print(f"train {train.n_cases} cases {train.period_text()}; held out {held.n_cases} cases {held.period_text()}")


def step_simod(work: Path, python: Path, kept: bool = False, template: str = SIMOD_CONFIG) -> None:
    """Simod on the training part; ``kept``: on the activities permitflow's discover keeps (simod-train-kept.csv)."""
    config = work / "simod.yaml"
    config.write_text(template.format(train=work / ("simod-train-kept.csv" if kept else "simod-train.csv")))
    out = work / "simod-out"
    t0, c0 = time.perf_counter(), cpu_children()
    log = work / "simod.log"
    with log.open("w", encoding="utf-8") as fh:  # written as Simod runs, so a long run can be followed
        done = subprocess.run([str(python.parent / "simod"), "--configuration", str(config), "--output", str(out)],
                              stdout=fh, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    wall, cpu = time.perf_counter() - t0, cpu_children() - c0
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    record = {"exit": done.returncode, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
              "load": os.getloadavg(), "last_line": (lines or [""])[-1]}
    (work / "simod-time.json").write_text(json.dumps(record, indent=2))
    print(record)


def _simod_model(work: Path, folder: Path | None) -> tuple[Path, Path]:
    """Simod's best model, or the model in ``folder`` (a candidate of one of its iterations)."""
    best = folder or next((work / "simod-out").rglob("best_result"))
    bpmn = next(best.glob("*.bpmn"))
    return bpmn, bpmn.with_suffix(".json")  # best_result also holds canonical_model.json (the chosen settings)


def step_prosimos(work: Path, python: Path, replications: int, folder: Path | None = None) -> None:
    split = json.loads((work / "split.json").read_text())
    bpmn, js = _simod_model(work, folder)
    t0, c0 = time.perf_counter(), cpu_children()
    for r in range(replications):
        out = work / f"simod-sim-{r}.csv"
        subprocess.run([str(python), "-c", PROSIMOS_RUN, str(bpmn), str(js), str(split["heldout_cases"]),
                        split["heldout_first"] + "T00:00:00+00:00", str(out), split["heldout_last"]], check=True)
        print(f"wrote {out}")
    record = {"model": str(bpmn.parent), "replications": replications, "wall_s": round(time.perf_counter() - t0, 1),
              "cpu_s": round(cpu_children() - c0, 1), "load": os.getloadavg()}
    (work / "prosimos-time.json").write_text(json.dumps(record, indent=2))
    print(record)


def step_permitflow(work: Path, replications: int) -> None:
    from bpmn_io.writer import to_bpmn_bytes
    from calibrate.core import calibrate
    from calibrate.discover import discover_model
    from calibrate.mapping import map_activities

    t0, c0 = time.perf_counter(), cpu_self() + cpu_children()  # children: Graphviz, simulation workers
    train, _ = read_log(work / "train.csv")
    held, _ = read_log(work / "test.csv")
    found = discover_model(train, min_frequency=MIN_FREQUENCY, noise=0.2)
    mapping = map_activities(found.defs, found.table)
    result = calibrate(found.defs, found.table, mapping, base=None, log_name="train.csv")
    model = work / "permitflow-model.bpmn"
    model.write_bytes(to_bpmn_bytes(found.defs))
    fit_wall, fit_cpu = time.perf_counter() - t0, cpu_self() + cpu_children() - c0
    validation, _real, sims = validate_profile(str(model), result.profile, train, held, mapping.element,
                                               replications=replications, seed=2025, deadline_days=DEADLINE_DAYS)
    wall, cpu = time.perf_counter() - t0, cpu_self() + cpu_children() - c0
    for r, sim in enumerate(sims):
        with (work / f"permitflow-sim-{r}.csv").open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["case_id", "activity", "end_time"])
            for i in range(sim.end.size):
                w.writerow([sim.case[i], sim.label[i], _iso(sim.end[i])])
    record = {"fit_wall_s": round(fit_wall, 1), "fit_cpu_s": round(fit_cpu, 1), "wall_s": round(wall, 1),
              "cpu_s": round(cpu, 1), "load": os.getloadavg(), "kept": len(found.kept)}
    (work / "permitflow-time.json").write_text(json.dumps(record, indent=2))
    print(record)
    print(json.dumps(validation.metrics, indent=2))


def _read_sim(path: Path, start: str, end: str, case: str, activity: str,
              names: dict[str, str] | None = None) -> dist.CaseLog:
    """A simulated log (completion times only, as the real log); ``names``: element id -> activity."""
    import datetime as dt

    from bpmn_io.caselog import wall_seconds

    rows = []
    names = names or {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            e = wall_seconds(dt.datetime.fromisoformat(row[end]))
            rows.append((row[case], names.get(row[activity], row[activity]), e, e))
    return dist.CaseLog.of(rows)


def step_score(work: Path, python: Path) -> None:
    held, _ = read_log(work / "test.csv")
    real = dist.CaseLog(held.case.astype("int64"), tuple(held.activities[a] for a in held.activity),
                        held.end.copy(), held.end.copy())
    until = float(held.end.max())
    names: dict[str, str] = {}
    if (work / "permitflow-model.bpmn").is_file():  # permitflow's logs name steps by element id
        from bpmn_io.loading import load_model

        names = {n.id: n.name for n in load_model(work / "permitflow-model.bpmn").process().nodes.values() if n.name}
    out = {}
    for tool, pattern, cols in (("permitflow", "permitflow-sim-*.csv", ("end_time", "end_time", "case_id", "activity")),
                                ("simod", "simod-sim-*.csv", ("start_time", "end_time", "case_id", "activity"))):
        files = sorted(work.glob(pattern))
        if not files:
            print(f"{tool}: no simulated logs in {work}")
            continue
        sims, cut_files = [], []
        for f in files:
            s = _read_sim(f, *cols, names=names if tool == "permitflow" else None)
            keep = s.end <= until  # the same window as the held-out log's export
            sims.append(dist.CaseLog(s.case[keep], tuple(lab for lab, k in zip(s.label, keep, strict=True) if k),
                                     s.start[keep], s.end[keep]))
            cut = work / f"cut-{f.name}"  # what the reference package reads: the same events
            with cut.open("w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh)
                w.writerow(["case_id", "activity", "end_time"])
                last = sims[-1]
                for i in range(last.end.size):
                    w.writerow([int(last.case[i]), last.label[i], _iso(last.end[i])])
            cut_files.append(cut)
        v = score(real, sims, deadline_days=DEADLINE_DAYS, setup={"files": len(files)})
        out[tool] = v.data()
        reference = None
        if python.is_file():
            ref = subprocess.run([str(python), "-c", REFERENCE, str(work / "test.csv"), *map(str, cut_files)],
                                 capture_output=True, text=True)
            reference = json.loads(ref.stdout) if ref.returncode == 0 else ref.stderr.strip().splitlines()[-1:]
        out[tool]["reference_cycle_time_emd_hours"] = reference
        print(tool, json.dumps(v.metrics), "reference:", reference)
    (work / "scores.json").write_text(json.dumps(out, indent=2, default=str))


def missing(steps: list[str], work: Path, python: Path, kept: bool = False) -> str | None:
    """Why ``steps`` cannot run (Simod not installed, an earlier step's files not in ``work``), or None.

    Checked before the first step, so that ``all`` without Simod stops at once, not after the split."""
    simod = python.parent / "simod"
    if {"simod", "prosimos"} & set(steps) and not (simod.is_file() and python.is_file()):
        return f"{simod}: Simod is not installed (make simod-env, or --simod-python PATH)"
    if "split" in steps:
        return None
    needs = {"simod": ["simod-train-kept.csv" if kept else "simod-train.csv"], "prosimos": ["split.json"],
             "permitflow": ["train.csv", "test.csv"], "score": ["test.csv"]}
    for step in steps:
        for name in needs.get(step, []):
            if not (work / name).is_file():
                return f"{work / name}: not found (run the step 'split' first)"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["split", "simod", "prosimos", "permitflow", "score", "all"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/permitflow-simod"))
    parser.add_argument("--simod-python", type=Path, default=SIMOD_PY)
    parser.add_argument("--replications", type=int, default=5)
    parser.add_argument("--simod-model", type=Path,
                        help="prosimos: simulate the Simod model in this folder instead of its best_result")
    parser.add_argument("--kept-activities", action="store_true",
                        help="simod: train Simod on the activities permitflow's discover keeps (in at least "
                             f"{MIN_FREQUENCY:.0%}% of the training cases), as permitflow is")
    parser.add_argument("--simod-config", choices=["round3", "round2"], default="round3",
                        help="simod: round 3's budget (default) or round 2's (Split Miner's eta and epsilon drawn "
                             "from 0..1, gateway probabilities from [discovery, equiprobable], 3 iterations)")
    args = parser.parse_args()
    if not LOG.is_file():
        sys.exit(f"{LOG}: not found (../shared/data/logs beside the checkout)")
    steps = ["split", "simod", "prosimos", "permitflow", "score"] if args.step == "all" else [args.step]
    why = missing(steps, args.work, args.simod_python, args.kept_activities)
    if why:
        sys.exit(why)
    for step in steps:
        if step == "split":
            step_split(args.work)
        elif step == "simod":
            step_simod(args.work, args.simod_python, args.kept_activities,
                       SIMOD_CONFIG_ROUND2 if args.simod_config == "round2" else SIMOD_CONFIG)
        elif step == "prosimos":
            step_prosimos(args.work, args.simod_python, args.replications, args.simod_model)
        elif step == "permitflow":
            step_permitflow(args.work, args.replications)
        else:
            step_score(args.work, args.simod_python)


if __name__ == "__main__":
    main()
