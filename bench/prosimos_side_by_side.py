"""permitflow and Prosimos on the same exported model, side by side (a benchmark, not a test).

Models both tools can express: an M/M/1 queue and a permit-like sequential process with a
weekly work calendar. Each is exported exactly (``bpmn_io.simformats.prosimos_bpmn`` and
``to_prosimos``; the script refuses to run if either export had to drop anything) and run
by Prosimos (pinned to :data:`PROSIMOS_VERSION`, installed with pip into its OWN virtual
environment, bench/.venv-prosimos; not a permitflow dependency) and by permitflow.

``--check`` (agreement): R replications of N cases in both; the same figures from both
tools' activity logs (mean cycle time, mean waiting time) with 95 % Student-t intervals
over replications, and whether the intervals overlap.

``--speed`` (cost): like with like, in pairs run one after the other (the order alternates),
each run its own child process, CPU seconds (user + system of that child, from wait4) and
its peak memory (max RSS):

* whole process: each tool's command line, paying its start-up (imports, reading the
  model and parameters) -- ``permitflow simulate MODEL --profile P --cases N -r 1`` and
  ``prosimos start-simulation ... --total_cases N``, each writing summary statistics only;
* in process: inside one interpreter of each tool, after its imports, the CPU seconds of
  reading the model and parameters and simulating N cases (``simulator.engine.simulate``
  with the summary only; Prosimos ``run_simulation`` without log or statistics file).

Both tools start from bytecode: Prosimos's environment has it from pip, and ``--speed``
compiles permitflow's modules first (:func:`bytecode`), as an installed permitflow has them.

Reported: the median over the pairs, cases per CPU second and permitflow's advantage.

    python bench/prosimos_side_by_side.py --check [--replications 10] [--cases 1000]
    python bench/prosimos_side_by_side.py --speed [--sizes 20000 100000] [--pairs 3] [--write bench/RESULTS-prosimos-speed.md]
    python bench/prosimos_side_by_side.py --speed --quick     # 2,000 cases, one pair (bench/run_all.py)
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
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
PROSIMOS_VERSION = "2.1.0"  # the peer this comparison is pinned to (Makefile `peer`, peer_python)
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
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", f"prosimos=={PROSIMOS_VERSION}"], check=True)
    return py


def peer_version() -> str:
    done = subprocess.run([str(peer_python()), "-c", "import importlib.metadata as m; print(m.version('prosimos'))"],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


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


def check(args: argparse.Namespace) -> bool:
    """The agreement table: same figures from both tools' logs, with 95 % intervals."""
    print(f"{'model':32} {'figure':18} {'permitflow mean [95% CI]':>32} {'Prosimos mean [95% CI]':>32}  overlap")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for label, (bpmn_path, profile_path) in MODELS.items():
            defs = read_bpmn(bpmn_path)
            params = read_profile(profile_path).simulation
            bpmn_out, json_out = export(label, bpmn_path, profile_path, work)
            ours = run_ours(defs, params, args.cases, args.replications)
            peer = run_peer(bpmn_out, json_out, args.cases, args.replications, work)
            for k, name in enumerate(("cycle time (h)", "waiting time (h)")):
                a = confidence_interval([r[k] for r in ours])
                b = confidence_interval([r[k] for r in peer])
                overlap = a[1] <= b[2] and b[1] <= a[2]
                ok &= overlap
                print(f"{label:32} {name:18} {a[0]:10.3f} [{a[1]:8.3f}, {a[2]:8.3f}] "
                      f"{b[0]:10.3f} [{b[1]:8.3f}, {b[2]:8.3f}]  {'yes' if overlap else 'NO'}")
    return ok


def export(label: str, bpmn_path: Path, profile_path: Path, work: Path) -> tuple[Path, Path]:
    """The BPMN and JSON Prosimos reads, written to ``work``; exits 2 if the export is not exact."""
    defs = read_bpmn(bpmn_path)
    params = read_profile(profile_path).simulation
    assert params is not None, f"{profile_path} has no simulation section"
    converted = to_prosimos(defs, params)
    peer_bpmn, bpmn_warnings = prosimos_bpmn(defs)
    if converted.warnings or bpmn_warnings:
        print(f"{label}: export was not exact: {converted.warnings + bpmn_warnings}", file=sys.stderr)
        raise SystemExit(2)
    stem = "".join(c if c.isalnum() else "_" for c in label)
    bpmn_out, json_out = work / f"{stem}.bpmn", work / f"{stem}.json"
    bpmn_out.write_bytes(peer_bpmn)
    json_out.write_text(json.dumps(converted.document, indent=1))
    return bpmn_out, json_out


OURS_IN_PROCESS = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
from bpmn_io.reader import read_bpmn
from bpmn_io.profile import read_profile
from simulator.engine import simulate
bpmn, profile, cases, seed = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
began = time.process_time()
result = simulate(read_bpmn(bpmn).process(), read_profile(profile).simulation, seed=seed, cases=cases,
                  keep_records=False)
print(time.process_time() - began, cases)
"""

PEER_IN_PROCESS = r"""
import random, sys, time
import numpy
from prosimos.simulation_engine import run_simulation
bpmn, params, cases, seed, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
random.seed(seed); numpy.random.seed(seed)
began = time.process_time()
run_simulation(bpmn, params, cases, stat_out_path=None, log_out_path=None, starting_at=start)
print(time.process_time() - began, cases)
"""


def child_run(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run ``cmd``; (CPU seconds of that child, its max RSS in MB, its stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd[:3]} failed: {err.read().decode(errors='replace')[-400:]}")
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode()


def bytecode() -> None:
    """Compile permitflow's modules to bytecode, as Prosimos's are in its environment (pip compiles
    what it installs; a source checkout run with PYTHONDONTWRITEBYTECODE=1 would compile about 70
    modules again in every run, a cost no installed permitflow pays)."""
    import compileall

    for package in ("bpmn_io", "processes", "simulator", "scenarios", "report", "calibrate", "web"):
        compileall.compile_dir(ROOT / package, quiet=1)
    compileall.compile_file(ROOT / "cli.py", quiet=1)


def speed(args: argparse.Namespace) -> str:
    """The cost table; returns it as Markdown."""
    bytecode()
    version = peer_version()
    if version != PROSIMOS_VERSION:
        print(f"warning: Prosimos {version} installed, this comparison is pinned to {PROSIMOS_VERSION}",
              file=sys.stderr)
    ours_cli = Path(sys.executable).parent / "permitflow"
    peer_py = str(peer_python())
    peer_cli = str(PEER_ENV / "bin" / "prosimos")
    sizes = [2000] if args.quick else args.sizes
    pairs = 1 if args.quick else args.pairs
    rows = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for label, (bpmn_path, profile_path) in MODELS.items():
            bpmn_out, json_out = export(label, bpmn_path, profile_path, work)
            for n in sizes:
                runs: dict[str, list[tuple[float, float]]] = {k: [] for k in
                                                              ("ours whole", "peer whole", "ours in", "peer in")}
                for i in range(pairs):
                    jobs = {
                        "ours whole": [str(ours_cli), "simulate", str(bpmn_path), "--profile", str(profile_path),
                                       "--cases", str(n), "-r", "1", "--workers", "1", "--seed", str(i),
                                       "--format", "json", "-q"],
                        "peer whole": [peer_py, peer_cli, "start-simulation", "--bpmn_path", str(bpmn_out),
                                       "--json_path", str(json_out), "--total_cases", str(n),
                                       "--stat_out_path", str(work / "stats.csv"), "--starting_at", START],
                        "ours in": [sys.executable, "-c", OURS_IN_PROCESS, str(ROOT), str(bpmn_path),
                                    str(profile_path), str(n), str(i)],
                        "peer in": [peer_py, "-c", PEER_IN_PROCESS, str(bpmn_out), str(json_out), str(n), str(i),
                                    START],
                    }
                    order = ["ours whole", "peer whole", "ours in", "peer in"]
                    if i % 2:
                        order = ["peer whole", "ours whole", "peer in", "ours in"]
                    for key in order:
                        cpu, rss, out = child_run(jobs[key], work)
                        if key.endswith(" in"):
                            cpu = float(out.split()[0])  # the simulation alone, after the imports
                        runs[key].append((cpu, rss))
                        print(f"  {label} {n:,} pair {i + 1}: {key}: {cpu:.2f} CPU s, {rss:.0f} MB", file=sys.stderr)
                med = {k: statistics.median(c for c, _ in v) for k, v in runs.items()}
                peak = {k: max(r for _, r in v) for k, v in runs.items()}
                for how, a, b in (("whole process (command lines)", "ours whole", "peer whole"),
                                  ("in process (after imports)", "ours in", "peer in")):
                    rows.append(f"| {label} | {n:,} | {how} | {med[a]:.2f} ({n / med[a]:,.0f}/s, {peak[a]:.0f} MB) | "
                                f"{med[b]:.2f} ({n / med[b]:,.0f}/s, {peak[b]:.0f} MB) | **{med[b] / med[a]:.1f}×** |")
    load_after = os.getloadavg()[0]
    return "\n".join([
        f"Prosimos {version} (pinned: {PROSIMOS_VERSION}); {os.cpu_count()} logical CPUs; load average "
        f"{load_before:.2f} before, {load_after:.2f} after; median of {pairs} pair(s) per row.",
        "",
        "| model | cases | how | permitflow CPU s (cases/CPU s, peak) | Prosimos CPU s (cases/CPU s, peak) | "
        "permitflow advantage |",
        "|---|---:|---|---:|---:|---:|",
        *rows,
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="the agreement table (default when no mode is given)")
    ap.add_argument("--speed", action="store_true", help="the cost table")
    ap.add_argument("--replications", type=int, default=10)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="with --speed: 2,000 cases and one pair")
    ap.add_argument("--write", type=Path, help="also write the cost table here")
    args = ap.parse_args(argv)
    if (args.check or not args.speed) and args.replications < 2:
        ap.error(f"--replications {args.replications}: the agreement table's 95% intervals need at least 2")
    ok = True
    if args.check or not args.speed:
        ok = check(args)
    if args.speed:
        table = speed(args)
        print(table)
        if args.write:
            args.write.write_text(table + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
