"""Every benchmark in bench/, each with small options, and a summary (what `make bench` runs).

    .venv/bin/python bench/run_all.py                  # the quick set, a few minutes on 2 cores
    .venv/bin/python bench/run_all.py --only layout engine
    .venv/bin/python bench/run_all.py --write bench/RESULTS-quick.md

Each script runs in its own process; the summary lists its command, exit status, wall and
CPU seconds (user + system of the child and its children) and the last rows of the table it
printed (or its last lines when it prints no Markdown table; on failure, of its error output).
The quick options are for checking that every benchmark still runs and for a first look;
the numbers in README.md and the RESULTS files come from the full commands named there. A
script whose inputs are missing (Prosimos not installed, ../shared absent) is reported as
skipped, not failed. Scripts in bench/ that are not listed in QUICK are named at the end, each
with why it is left out (NOT_QUICK).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BPIC = Path(os.environ.get("PERMITFLOW_SHARED") or ROOT.parent / "shared") / "data" / "logs" / "BPIC15_1.xes.gz"

#: name -> (script, quick arguments, what it needs beyond the repository or None)
QUICK: dict[str, tuple[str, list[str], Path | None]] = {
    "engine": ("bench_engine.py", ["--cases", "20000", "--permit-cases", "300", "--repeat", "2"], None),
    "road": ("bench_road.py", ["warm", "--repeat", "2"], None),
    "layout": ("bench_layout.py", ["--quick"], None),
    "diff": ("bench_diff.py", ["--cases", "nway", "large", "--steps", "300"], None),
    "prosimos": ("prosimos_side_by_side.py", ["--speed", "--quick"], HERE / ".venv-prosimos" / "bin" / "python"),
    "logs": ("bench_logs.py", ["--events", "50000", "--bpic", str(BPIC)], BPIC),
    "library-calibration": ("library_calibration.py", [], None),
    "censored-wait": ("bench_censored_wait.py", ["--seeds", "2"], None),
    "dask-tasks": ("bench_dask_tasks.py", ["dask", "--tasks", "4", "--rows", "10", "--packed"], None),
    "large": ("bench_large.py", ["--tasks", "200", "--timeout", "120"], None),
    "startup": ("bench_startup.py", ["--runs", "1"], None),
    "uncertainty": ("bench_uncertainty.py", ["--points", "2"], None),
    "web-load": ("bench_web_load.py", ["--users", "2", "--workers", "1", "--replications", "2", "--limit", "120"], None),
    "many-probe": ("many_probe.py", ["--sets", "en-d1"], None),
    "study-meaning": ("study_meaning.py", ["--pairs", "p1", "e1"], None),
    "serve-forkstart": ("bench_serve_forkstart.py", ["--calls", "3", "--repeat", "1"], None),
    "serve-logcheck": ("bench_serve_logcheck.py", ["--calls", "1", "--repeat", "1"], None),
    "web-results": ("bench_web_results.py", ["--replications", "2", "--years", "0.25", "--repeat", "1"], None),
    "optimise-coverage": ("optimise_coverage.py", [], None),
    "goal-settle-check": ("bench_goal_settle_check.py", ['{"place": "astorp", "officers": [1], "fte": [0.25], '
                                                         '"levels": ["officer"], "first": 3, "cap": 12, "seeds": 2}'],
                          None),
}
#: scripts that are not benchmarks of their own
NOT_BENCHMARKS = {"run_all.py", "mm1_simpy.py", "readme_numbers.py", "bench_matching.py", "gold_agreement.py",
                  "screenshots.py", "proctree.py", "sourcetree.py",
                  "exp_embeddings.py", "completions_only.py", "export_cut.py", "discover_truth.py",
                  "open_items.py", "make_swedish_words.py"}
#: benchmarks and probes left out of the quick set, and why (each takes at least its reason's CPU seconds)
NOT_QUICK = {
    "bench_split.py": "runs the bundled study's 420 units four ways, about 40 CPU s at --repeat 1",
    "diff_identity.py": "every compare/diff format of the library, about 16 CPU s",
    "engine_identity.py": "72 engine runs, about 25 CPU s",
    "bench_language.py": "the labels of 392 models read for their language, about 5 CPU s "
                         "(needs ../shared/interop)",
    "bench_language_labels.py": "4,300 short labels read one at a time for their language, about 5 CPU s",
    "bench_web_goal_default.py": "the web page's default goal seek, 720 work units, about 6 CPU s",
    "bench_goal_unsure.py": "three goal seeks that end with none sure, 600-720 work units each, about 11 CPU s",
    "outputs_identity.py": "19 simulate/run command lines, about 15 CPU s",
    "matching_collection_probe.py": "every PMMC pair with each rule, about 4 CPU s",
    "place_probe.py": "every development pair, about 5 CPU s",
    "simod_side_by_side.py": "needs Simod (make simod-env); its split and permitflow steps about 13 CPU s",
    "worker_units.py": "a probe around `permitflow run` (the bundled study)",
    "interop_simulate.py": "the 143 interop BPMN files through convert --to profile and simulate, about 11 s "
                           "(needs ../shared/interop)",
    "bench_serve_memory.py": "a manager's day against `permitflow serve --workers 2`, minutes",
    "bench_serve_uploads.py": "12 uploads of a 4.6 MB model and 50 runs of them against `permitflow serve`, minutes",
    "bench_serve_bad_uploads.py": "bad uploads against `permitflow serve` while good ones run, minutes",
    "bpic15_pools.py": "BPIC15_1's staff counted in a pool per subprocess (needs ../shared/data), about 2 CPU s",
    "bench_language_cost.py": "one language detection per kind of model, each in a fresh process, about 10 CPU s",
    "bench_serve_language.py": "an upload, a what-if and two reports against `permitflow serve`, a minute",
    "discover_supplement_seeds.py": "20 simulated logs, each cut at 3 export days, discovered and calibrated "
                                    "(needs pm4py), about 85 CPU s",
}


def run(name: str, script: str, extra: list[str]) -> tuple[str, float, float, list[str]]:
    """(status, wall s, CPU s, last lines of output) of one benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / script), *extra], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    text = (done.stdout.strip() or done.stderr.strip()).splitlines()
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
    if done.returncode != 0:
        return status, wall, cpu, (done.stderr.strip().splitlines() or text)[-6:]
    table = [line for line in text if line.startswith("|")]  # what it measured, rather than its closing notes
    return status, wall, cpu, table[-12:] if table else text[-6:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(QUICK), help="run these only")
    parser.add_argument("--write", type=Path, help="also write the summary (Markdown) here")
    args = parser.parse_args()
    names = args.only or list(QUICK)
    lines = [
        "# Quick benchmarks (bench/run_all.py)",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} logical CPUs, load average "
        f"{os.getloadavg()[0]:.2f} at the start. Quick options: for checking, not for the README's numbers.",
        "",
    ]
    failed = False
    for name in names:
        script, extra, needs = QUICK[name]
        command = " ".join(["bench/" + script, *extra])
        if needs is not None and not needs.exists():
            lines += [f"## {name}: skipped", "", f"`{command}` needs {needs} (not found)", ""]
            print(f"{name}: skipped (needs {needs})", file=sys.stderr)
            continue
        print(f"{name}: {command} ...", file=sys.stderr, flush=True)
        status, wall, cpu, tail = run(name, script, extra)
        failed |= status != "ok"
        lines += [f"## {name}: {status}, {wall:.1f} s wall, {cpu:.1f} CPU s", "", f"`{command}`", "", "```",
                  *tail, "```", ""]
        print(f"{name}: {status}, {wall:.1f} s wall, {cpu:.1f} CPU s", file=sys.stderr, flush=True)
    others = sorted(p.name for p in HERE.glob("*.py") if p.name not in NOT_BENCHMARKS
                    and p.name not in {s for s, _, _ in QUICK.values()})
    if others:
        lines += ["Not run here:", "", *(f"- {name}: {NOT_QUICK.get(name, 'no quick options known')}" for name in others),
                  ""]
    lines.append(f"Load average {os.getloadavg()[0]:.2f} at the end.")
    text = "\n".join(lines)
    print(text)
    if args.write:
        args.write.write_text(text + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
