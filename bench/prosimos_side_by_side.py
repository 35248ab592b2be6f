"""permitflow and Prosimos on the same exported model, side by side (a benchmark, not a test).

For each model that both tools can express — an M/M/1 queue and a sequential
process with a weekly work calendar — the script

1. exports the BPMN Prosimos reads (``bpmn_io.simformats.prosimos_bpmn``) and the
   Prosimos JSON (``bpmn_io.simformats.to_prosimos``), and fails if either export
   had to drop anything,
2. runs R replications of N cases in Prosimos (installed with pip into its OWN
   virtual environment, bench/.venv-prosimos; it is not a permitflow dependency)
   and in permitflow,
3. computes the same figures from both tools' activity logs — mean cycle time
   (last end − first enable of a case) and mean waiting time (start − enable,
   summed over a case's tasks) — with a 95 % Student-t interval over
   replications, and prints them next to each other with whether the intervals
   overlap.

    python bench/prosimos_side_by_side.py [--replications 10] [--cases 1000]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bpmn_io import read_bpmn  # noqa: E402
from bpmn_io.profile import read_profile  # noqa: E402
from bpmn_io.simformats import prosimos_bpmn, to_prosimos  # noqa: E402
from simulator.engine import simulate  # noqa: E402
from simulator.stats import confidence_interval  # noqa: E402

PEER_ENV = HERE / ".venv-prosimos"
MODELS = {
    "M/M/1 (rho 0.5, 24/7)": (ROOT / "tests/fixtures/sim/mm1.bpmn", ROOT / "tests/fixtures/sim/mm1.yaml"),
    "sequential, weekly calendar": (HERE / "models/seq_weekly.bpmn", HERE / "models/seq_weekly.yaml"),
}
START = "2025-01-06T00:00:00.000000+00:00"

PEER_RUN = r"""
import random, sys
import numpy
from prosimos.simulation_engine import run_simulation
bpmn, params, cases, out, seed = sys.argv[1:6]
random.seed(int(seed)); numpy.random.seed(int(seed))
run_simulation(bpmn, params, int(cases), stat_out_path=None, log_out_path=out, starting_at=sys.argv[6])
"""


def peer_python() -> Path:
    """The Python of Prosimos's own environment, created on first use."""
    py = PEER_ENV / "bin" / "python"
    if not py.exists():
        print(f"creating {PEER_ENV} and installing prosimos (once) ...", file=sys.stderr)
        venv.create(PEER_ENV, with_pip=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "prosimos"], check=True)
    return py


def figures_from_rows(rows: list[tuple[str, float, float, float]]) -> tuple[float, float]:
    """(mean cycle time, mean waiting time) in hours from (case, enable, start, end) rows."""
    cases: dict[str, list[float]] = {}
    for case, enable, start, end in rows:
        c = cases.setdefault(case, [math.inf, -math.inf, 0.0])
        c[0] = min(c[0], enable)
        c[1] = max(c[1], end)
        c[2] += start - enable
    cycle = sum(c[1] - c[0] for c in cases.values()) / len(cases)
    wait = sum(c[2] for c in cases.values()) / len(cases)
    return cycle, wait


def peer_rows(log: Path) -> list[tuple[str, float, float, float]]:
    from datetime import datetime

    def t(text: str) -> float:
        return datetime.fromisoformat(text).timestamp() / 3600.0

    with log.open(newline="") as fh:
        return [(r["case_id"], t(r["enable_time"]), t(r["start_time"]), t(r["end_time"])) for r in csv.DictReader(fh)]


def run_peer(bpmn: Path, params: Path, cases: int, replications: int, work: Path) -> list[tuple[float, float]]:
    py = peer_python()
    out = []
    for i in range(replications):
        log = work / f"peer_{i}.csv"
        subprocess.run([str(py), "-c", PEER_RUN, str(bpmn), str(params), str(cases), str(log), str(i), START],
                       check=True, capture_output=True)
        out.append(figures_from_rows(peer_rows(log)))
    return out


def run_ours(defs, params, cases: int, replications: int, seed: int = 2025) -> list[tuple[float, float]]:
    import numpy as np

    out = []
    for child in np.random.SeedSequence(seed).spawn(replications):
        result = simulate(defs.process(), params, seed=child, cases=cases, keep_records=True)
        rows = [(str(a.case), a.enable, a.start, a.end) for a in result.activities]
        out.append(figures_from_rows(rows))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replications", type=int, default=10)
    ap.add_argument("--cases", type=int, default=1000)
    args = ap.parse_args()
    print(f"{'model':32} {'figure':18} {'permitflow mean [95% CI]':>32} {'Prosimos mean [95% CI]':>32}  overlap")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for label, (bpmn_path, profile_path) in MODELS.items():
            defs = read_bpmn(bpmn_path)
            params = read_profile(profile_path).simulation
            converted = to_prosimos(defs, params)
            peer_bpmn, bpmn_warnings = prosimos_bpmn(defs)
            if converted.warnings or bpmn_warnings:
                print(f"{label}: export was not exact: {converted.warnings + bpmn_warnings}", file=sys.stderr)
                return 2
            bpmn_out, json_out = work / "model.bpmn", work / "params.json"
            bpmn_out.write_bytes(peer_bpmn)
            json_out.write_text(json.dumps(converted.document, indent=1))
            t0 = time.perf_counter()
            ours = run_ours(defs, params, args.cases, args.replications)
            t1 = time.perf_counter()
            peer = run_peer(bpmn_out, json_out, args.cases, args.replications, work)
            t2 = time.perf_counter()
            for k, name in enumerate(("cycle time (h)", "waiting time (h)")):
                a = confidence_interval([r[k] for r in ours])
                b = confidence_interval([r[k] for r in peer])
                overlap = a[1] <= b[2] and b[1] <= a[2]
                ok &= overlap
                print(f"{label:32} {name:18} {a[0]:10.3f} [{a[1]:8.3f}, {a[2]:8.3f}] "
                      f"{b[0]:10.3f} [{b[1]:8.3f}, {b[2]:8.3f}]  {'yes' if overlap else 'NO'}")
            print(f"{label:32} wall time: permitflow {t1 - t0:.1f} s, Prosimos {t2 - t1:.1f} s "
                  f"({args.replications} x {args.cases} cases)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
