"""Cold start of the quick commands: each run a fresh process, as a user types it. Not a test.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--only library,facts] [--compare /path/to/other/checkout]
                                            [--write bench/RESULTS-startup.md]
    .venv/bin/python bench/bench_startup.py --imports [--runs 4]

Every command runs ``--runs`` times in a new process (``permitflow`` of this checkout's
``.venv``; with ``--compare DIR`` also DIR's ``.venv/bin/permitflow``, the two interleaved
run by run so that both see the same load). Before the timed runs each command runs once
untimed, so Python's bytecode (``__pycache__``) and permitflow's user cache (holiday dates,
parsed YAML; ``$PERMITFLOW_CACHE``, by default a fresh folder under the system's temporary
folder per checkout) are in the state a second use finds them. Reported per command: wall
seconds (``time.perf_counter`` around the process) and CPU seconds of the process and its
children (user + system, ``resource.getrusage(RUSAGE_CHILDREN)``), median, min and max, and
the load average (``os.getloadavg``) before and after. The machine is shared: compare CPU
seconds, and wall seconds only at a low load.

``--imports``: what each import on the way of ``simulate`` adds, in CPU ms, in a fresh
process per run (``time.process_time`` around ``importlib.import_module``, in the order the
command meets them; a module already loaded by an earlier one adds nothing).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELSINGBORG = "processes/library/helsingborg/process.bpmn"

#: (label, arguments): the commands of issue 16's start-up goal
COMMANDS = (
    ("--help", ["--help"]),
    ("library", ["library"]),
    ("facts", ["facts"]),
    ("validate", ["validate", HELSINGBORG]),
    ("simulate", ["simulate", "helsingborg", "--years", "1"]),
)


#: the imports of ``simulate helsingborg --years 1``, in the order the command meets them
#: (a repeated run: the parsed process and the profile's YAML text come from the user cache, so lxml, the
#: BPMN reader and PyYAML are not among them; a small run starts no pool, so no multiprocessing)
SIMULATE_IMPORTS = ("click", "cli", "dateutil.rrule", "processes.params", "bpmn_io.profile", "bpmn_io.library",
                    "processes.model", "scenarios.options", "numpy", "simulator.stats", "simulator.simpyimport", "simulator.engine",
                    "bpmn_io.processstore", "scenarios.execute", "scenarios.batch", "scenarios.road",
                    "scenarios.executors", "numpy.random", "processes.labellanguage", "report.figuretext",
                    "report.stepwords")
_IMPORT_PROBE = """
import importlib, json, sys, time
out = {}
for name in sys.argv[1:]:
    start = time.process_time()
    importlib.import_module(name)
    out[name] = time.process_time() - start
print(json.dumps(out))
"""


def imports(runs: int) -> str:
    """A Markdown table: CPU ms each import adds (min–max over ``runs`` fresh processes)."""
    import json

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", _IMPORT_PROBE, *SIMULATE_IMPORTS], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # untimed: bytecode written
    found = [json.loads(subprocess.run([sys.executable, "-c", _IMPORT_PROBE, *SIMULATE_IMPORTS], cwd=ROOT, env=env,
                                       check=True, capture_output=True, text=True).stdout) for _ in range(runs)]
    lines = [f"`bench/bench_startup.py --imports --runs {runs}`, load average {os.getloadavg()[0]:.1f}", "",
             "| import | CPU ms (min–max) |", "|---|---:|"]
    for name in (*SIMULATE_IMPORTS, "all"):
        values = [sum(f.values()) if name == "all" else f[name] for f in found]
        lines.append(f"| {name} | {min(values) * 1000:.0f}–{max(values) * 1000:.0f} |")
    return "\n".join(lines) + "\n"


def _one(exe: Path, args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one run of ``exe args`` in a fresh process; a failed run stops the bench."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(exe), *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{exe} {' '.join(args)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _stats(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="Comma-separated labels: --help, library, facts, validate, simulate.")
    parser.add_argument("--compare", type=Path, help="Another checkout (with its own .venv) run interleaved.")
    parser.add_argument("--write", type=Path, help="Append the table to this Markdown file.")
    parser.add_argument("--imports", action="store_true", help="What each import of simulate adds, in CPU ms.")
    args = parser.parse_args(argv)
    if args.imports:
        print(imports(args.runs))
        return 0
    wanted = set(args.only.split(",")) if args.only else None
    unknown = sorted((wanted or set()) - {label for label, _cmd in COMMANDS})
    if unknown:
        parser.error(f"--only {','.join(unknown)}: expected labels of {', '.join(label for label, _cmd in COMMANDS)}")
    commands = [(label, cmd) for label, cmd in COMMANDS if wanted is None or label in wanted]
    checkouts = [("this", ROOT)] + ([("compare", args.compare.resolve())] if args.compare else [])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode cached, as installed
    caches = {name: tempfile.mkdtemp(prefix=f"permitflow-startup-{name}-") for name, _root in checkouts}
    # the other checkout's bytecode goes to a folder of its own: the bench writes nothing into it
    envs = {"this": {**env, "PERMITFLOW_CACHE": caches["this"]}}
    if args.compare:
        envs["compare"] = {**env, "PERMITFLOW_CACHE": caches["compare"],
                           "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="permitflow-startup-pyc-")}
    load_before = os.getloadavg()
    rows = []
    for label, cmd in commands:
        times: dict[str, list[tuple[float, float]]] = {name: [] for name, _root in checkouts}
        for name, root in checkouts:  # untimed: bytecode written, user cache filled
            _one(root / ".venv/bin/permitflow", cmd, root, envs[name])
        for _ in range(args.runs):
            for name, root in checkouts:
                times[name].append(_one(root / ".venv/bin/permitflow", cmd, root, envs[name]))
        for name, _root in checkouts:
            walls, cpus = [w for w, _c in times[name]], [c for _w, c in times[name]]
            rows.append((label, name, _stats(walls), _stats(cpus)))
    load_after = os.getloadavg()
    lines = [
        f"`bench/bench_startup.py --runs {args.runs}{f' --only {args.only}' if args.only else ''}` on {platform.node()} ({platform.machine()}, "
        f"`nproc` {os.cpu_count()}), Python {platform.python_version()}, "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after; "
        + ("" if not args.compare else f"compare = {args.compare}; ")
        + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "",
        "| command | checkout | wall s: median (min–max) | CPU s: median (min–max) |",
        "|---|---|---:|---:|",
        *(f"| `{label}` | {name} | {wall} | {cpu} |" for label, name, wall, cpu in rows),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with args.write.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
