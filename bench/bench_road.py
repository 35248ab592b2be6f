"""Benchmark: the one road from a warm process, and the bundled study on one and two workers.

Three measurements (not tests; the figures go to bench/RESULTS-road.md with the machine and load):

    .venv/bin/python bench/bench_road.py phases            # CPU ms per phase, one process asking again and again
    .venv/bin/python bench/bench_road.py warm --repeat 6   # a Session answering 3 municipalities x 20 x 1 year
    .venv/bin/python bench/bench_road.py study --runs 1,2,dask   # `permitflow run` (420 units): wall, CPU parent/workers
    .venv/bin/python bench/bench_road.py timeline --runs 2,dask  # the parent's phases: its serial CPU, the Amdahl bound;
    #   the workers' tasks, and how long they waited for one while the units ran

*phases*: build the study (read bases, resolve settings, apply overrides), prepare
(dump and parse each profile, check, plan) and execute (here), for the first call and the
calls after it. *warm*: the web app's path: one :class:`scenarios.road.Session` with
``--workers`` processes kept alive, asked the what-if of Helsingborg, Landskrona and
Åstorp (20 replications of one year each) with the levers changing between calls; wall
seconds per answer, CPU seconds of this process and of the workers. *study*: the bundled
study through the command line in a fresh process per run (``--no-cache``), each run's
wall seconds and the CPU seconds of the command's own process (the parent: loading,
planning, results, report) and of its worker processes (``late``: worker processes still
alive when the command returned, waited for so that their CPU counts).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from processes.numbers import percent
from scenarios.bases import library_base
from scenarios.options import one_scenario_study
from scenarios.road import Session, execute, prepare
from scenarios.settings import Origin, resolve_settings
from scenarios.study import Study, build_scenario

TOWNS = ("helsingborg", "landskrona", "astorp")
#: levers that change between the warm calls (a web form's successive answers)
LEVERS: tuple[tuple[tuple[str, Any], ...], ...] = (
    (),
    (("decision.delegation", "officer"),),
    (("pools.officer.count", 3),),
    (("decision.delegation", "working_committee"),),
)


def _cpu(step: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    value = step()
    return value, time.process_time() - start


def _machine() -> str:
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")


def what_if(sets: tuple[tuple[str, Any], ...], *, replications: int = 20, horizon: str = "1y") -> Study:
    """The web form's question: each town with the same levers, ``replications`` of ``horizon``."""
    form = Origin("web form")
    settings = resolve_settings([({"replications": replications, "horizon": horizon}, form, {})])
    scenarios = tuple(
        build_scenario(name=town, question="", source="web form", bases=[library_base(town, source="web form", line=None)],
                       settings=settings, sets=[(key, value, form) for key, value in sets])
        for town in TOWNS
    )
    return Study("what-if", "What if", "web form", scenarios)


def phases(args: argparse.Namespace) -> None:
    print(f"# {_machine()}; CPU ms per phase, in one process")
    print("call  build  prepare  execute")
    for call in range(1, args.repeat + 1):
        study, build = _cpu(lambda: one_scenario_study(
            args.model, years=args.years, replications=args.replications, sets=("decision.delegation=officer",)))
        plan, ready = _cpu(lambda: prepare(study))  # noqa: B023 - called at once
        _batch, run = _cpu(lambda: execute(plan))  # noqa: B023 - called at once
        print(f"{call:4d}  {build * 1000:5.0f}  {ready * 1000:7.0f}  {run * 1000:7.0f}")


def _workers_cpu() -> float:
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with dask
        return float("nan")
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def warm(args: argparse.Namespace) -> None:
    print(f"# {_machine()}; Session(workers={args.workers}), {' + '.join(TOWNS)} x {args.replications} "
          f"replications x {args.horizon}")
    with Session(workers=args.workers) as session:
        time.sleep(args.settle)  # the workers start (and import the engine) before the first question
        print("call  levers                                    wall s  parent CPU s  workers CPU s  units")
        for call in range(args.repeat):
            sets = LEVERS[call % len(LEVERS)]
            study = what_if(sets, replications=args.replications, horizon=args.horizon)
            workers_before, cpu_before, start = _workers_cpu(), time.process_time(), time.perf_counter()
            batch = session.run(study)
            wall = time.perf_counter() - start
            parent, workers = time.process_time() - cpu_before, _workers_cpu() - workers_before
            units = sum(s.replications for s in study.scenarios)
            assert not batch.failures, batch.failures
            label = ", ".join(f"{k}={v}" for k, v in sets) or "status quo"
            print(f"{call + 1:4d}  {label:40s}  {wall:6.2f}  {parent:12.2f}  {workers:13.2f}  {units:5d}", flush=True)


_CHILD = """
import json, resource, sys, time
from clicommands.workers import OWN_PROCESS
# as the console script's main() marks it: a process of its own (the collector paused while loading, one BLAS thread)
OWN_PROCESS.append(True)
from cli import cli
start = time.perf_counter()
try:
    cli.main(sys.argv[1:], standalone_mode=False)
finally:
    wall = time.perf_counter() - start
    # a worker still ending (a Dask worker closes after the command returns) is waited for, so
    # its CPU is counted; one that does not end within 30 s is counted as it stands
    late, left = 0, 0.0
    try:
        import psutil
        kids = psutil.Process().children()
        _gone, alive = psutil.wait_procs(kids, timeout=30)
        late = len(kids)
        for kid in alive:
            t = kid.cpu_times()
            left += t.user + t.system + t.children_user + t.children_system
    except ImportError:
        pass
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "parent": own.ru_utime + own.ru_stime,
                      "workers": kids.ru_utime + kids.ru_stime + left, "late": late}), file=sys.stderr)
"""


_TIMELINE = """
import json, os, resource, sys, time
import cli as cli_module
from clicommands import workers
workers.OWN_PROCESS.append(True)  # as the console script's main() marks it
import report.build, report.plots, report.results
import scenarios.batch
import psutil
stamps = []
# from the moment the harness started this process (its interpreter's start-up and imports included;
# psutil's create_time counts from the boot time in whole seconds: up to a second off)
start_wall = time.time() - float(os.environ["TIMELINE_LAUNCH"])
since = time.perf_counter()

def stamp(what):
    stamps.append((what, start_wall + time.perf_counter() - since, time.process_time()))

def wrap(owner, name, label):
    inner = getattr(owner, name)
    def wrapped(*args, **kwargs):
        stamp(label + " start")
        try:
            return inner(*args, **kwargs)
        finally:
            stamp(label + " end")
    setattr(owner, name, wrapped)

out_inner = workers.Ahead.start_waiting.__func__
def units_out(cls):
    stamp("units out")
    return out_inner(cls)
workers.Ahead.start_waiting = classmethod(units_out)
arrived_inner = scenarios.batch.Assembly.arrived
def arrived(self, indexes, outcomes):
    arrived_inner(self, indexes, outcomes)
    stamp("chunk back")
scenarios.batch.Assembly.arrived = arrived
wrap(scenarios.batch.Assembly, "finish", "assemble")
wrap(report.results, "write_results", "write_results")
wrap(report.build, "write_report", "write_report")
if hasattr(report.build, "write_run"):
    run_inner = report.build.write_run
    def write_run(*args, **kwargs):
        # report.html is loaded during the run (or here): its render logged from now on, nothing loaded early
        html = sys.modules.get("report.html") or __import__("report.html").html
        if not getattr(html.render_report, "logged", False):
            in_worker(html, "render_report")
            html.render_report.logged = True
        return run_inner(*args, **kwargs)
    report.build.write_run = write_run
    wrap(report.build, "write_run", "write_run")
draw_inner = report.plots.draw_all
def draw_all(*args, **kwargs):
    stamp("plots sent")
    wait = draw_inner(*args, **kwargs)
    def waited():
        stamp("plots wait start")
        try:
            return wait()
        finally:
            stamp("plots wait end")
    return waited
report.plots.draw_all = draw_all
# in the workers (forked with these wrappers): CPU inside each kind of task, one line per call
import os, resource as _r, scenarios.schedule
log = os.environ["TIMELINE_LOG"]

def in_worker(owner, name):
    inner = getattr(owner, name)
    def wrapped(*args, **kwargs):
        before = _r.getrusage(_r.RUSAGE_SELF)
        began = start_wall + time.perf_counter() - since
        try:
            return inner(*args, **kwargs)
        finally:
            after = _r.getrusage(_r.RUSAGE_SELF)
            used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            with open(log, "a") as fh:
                fh.write(f"{os.getpid()} {name} {used:.4f} {began:.4f} {start_wall + time.perf_counter() - since:.4f}\\n")
    wrapped.__module__, wrapped.__qualname__, wrapped.__name__ = inner.__module__, inner.__qualname__, inner.__name__
    setattr(owner, name, wrapped)

import scenarios.execute
# the report's model comparison runs in a helper forked as the study is read (clicommands.workers.Ahead): its
# CPU is among the reaped children's, so it is logged apart from the workers' tasks
for owner, name in ((report.build, "library_diff_section"), (scenarios.schedule, "run_chunk"), (report.plots, "draw_plot"), (report.plots, "warm_up"),
                    (report.results, "csv_bytes"), (report.results, "_summary_csv"), (scenarios.execute, "run_unit")):
    in_worker(owner, name)
if hasattr(report.build.EarlyPlots, "_tables"):  # the figures tables made during the run (the parent's CPU)
    in_worker(report.build.EarlyPlots, "_tables")
try:
    cli_module.cli.main(sys.argv[1:], standalone_mode=False)
finally:
    stamp("end")
    psutil.wait_procs(psutil.Process().children(), timeout=30)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"stamps": stamps, "workers": kids.ru_utime + kids.ru_stime, "pid": os.getpid()}), file=sys.stderr)
"""


def timeline(args: argparse.Namespace) -> None:
    """The parent's phases of `permitflow run --no-cache` (wall and CPU stamps of the command's own
    process), its serial CPU (before the units go out and after the last one is back) and the
    Amdahl bound that serial part sets on 2 workers against 1."""
    print(f"# {_machine()}; `permitflow run --no-cache` of the bundled study, the parent's phases")
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            for how in args.runs.split(","):
                option = ["--dask", "local", "--workers", "2"] if how == "dask" else ["--workers", how]
                load = os.getloadavg()[0]
                log = Path(folder) / f"{how}.log"
                log.unlink(missing_ok=True)  # this run's lines only
                out = subprocess.run([sys.executable, "-c", _TIMELINE, "run", "--no-cache", "-o", f"{folder}/{how}",
                                      *option], capture_output=True, text=True, check=False,
                                     env={**os.environ, "TIMELINE_LOG": str(log),
                                          "TIMELINE_LAUNCH": repr(time.time())})
                if out.returncode != 0:
                    raise SystemExit(f"run {how} failed: {out.stderr[-2000:]}")
                figures = json.loads(out.stderr.strip().splitlines()[-1])
                stamps = figures["stamps"]
                print(f"\n## {how} (load {load:.1f} before, {os.getloadavg()[0]:.1f} after)")
                print("stamp                    wall s  parent CPU s")
                shown = [s for s in stamps if s[0] != "chunk back"]
                backs = [s for s in stamps if s[0] == "chunk back"]
                if backs:
                    shown.append(("last chunk back", *backs[-1][1:]))
                for what, wall, cpu in sorted(shown, key=lambda s: s[1]):
                    print(f"{what:22s}  {wall:7.2f}  {cpu:12.2f}")
                first = {what: (wall, cpu) for what, wall, cpu in reversed(stamps)}
                end_wall, end_cpu = first["end"]
                out_wall, out_cpu = first.get("units out", (0.0, 0.0))
                back_wall, back_cpu = (backs[-1][1], backs[-1][2]) if backs else first["assemble start"][:2]
                before, after = out_cpu, end_cpu - back_cpu
                print(f"parent CPU s: before the units go out {before:.2f}, while they run {back_cpu - out_cpu:.2f}, "
                      f"after the last is back {after:.2f} (wall {end_wall - back_wall:.2f}); "
                      f"workers CPU s {figures['workers']:.2f}")
                inside: dict[str, float] = {}
                here: dict[str, float] = {}
                pids = set()
                helper = 0.0  # the forked helper making the report's model comparison
                tasks: dict[str, list[tuple[float, float]]] = {}  # a worker's tasks: (start, end) wall s
                for line in (log.read_text().splitlines() if log.is_file() else []):
                    pid, name, used, start, stop = line.split()
                    if int(pid) != figures["pid"] and name == "library_diff_section":
                        helper += float(used)
                    elif int(pid) != figures["pid"]:
                        pids.add(pid)
                        inside[name] = inside.get(name, 0.0) + float(used)
                        if name != "run_unit":  # inside run_chunk
                            tasks.setdefault(pid, []).append((float(start), float(stop)))
                    else:
                        here[name] = here.get(name, 0.0) + float(used)
                # run_unit runs inside run_chunk: "outside" counts run_chunk only
                outside = figures["workers"] - helper - sum(v for k, v in inside.items() if k != "run_unit")
                print(f"workers ({len(pids)}) CPU s inside tasks: "
                      + ", ".join(f"{name} {used:.2f}" for name, used in sorted(inside.items()))
                      + f"; outside them {outside:.2f}"
                      + (f"; the forked helper's model comparison {helper:.2f}" if helper else ""))
                if tasks and backs:
                    # a worker with no task between the units going out and the last chunk coming back waits for
                    # the run's process to send it one (under load also for a core)
                    idle, long = 0.0, []
                    for spans in tasks.values():
                        previous = out_wall
                        for opened, closed in sorted(spans):
                            if opened <= back_wall:
                                idle += max(0.0, opened - previous)
                                if opened - previous > 0.1:
                                    long.append(f"{opened - previous:.2f} s at {previous:.2f}")
                            previous = closed
                    print(f"workers' wall s with no task while the units run: {idle:.2f} in all"
                          + (f"; gaps over 0.1 s: {', '.join(long)}" if long else ""))
                if here:
                    print("parent CPU s inside the same functions: "
                          + ", ".join(f"{name} {used:.2f}" for name, used in sorted(here.items())))
                if how != "1":
                    serial = before + after
                    print(serial_line(serial, end_cpu + figures["workers"]))


def serial_line(serial: float, total: float) -> str:
    """The serial share of a run's CPU and what it bounds two workers to, in English ("12.5%", as
    processes.numbers writes per cent in English; it said "12.5 %").

    >>> serial_line(1.0, 8.0)
    'serial CPU 1.00 of 8.00 (12.5%): Amdahl bound on 2 workers 1.78x'
    """
    share = serial / total
    return (f"serial CPU {serial:.2f} of {total:.2f} ({percent(share, 'en', 1)}): Amdahl bound on 2 workers "
            f"{1 / (share + (1 - share) / 2):.2f}x")


def study(args: argparse.Namespace) -> None:
    print(f"# {_machine()}; `permitflow run --no-cache` of the bundled study, a fresh process per run")
    # wall s: the command's main() (after Python's start-up and `import cli`); process s: the whole process
    # as a shell times it, start-up and exit included
    print("run       wall s  process s  parent CPU s  workers CPU s  load before  load after  late")
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            for how in args.runs.split(","):
                option = ["--dask", "local", "--workers", "2"] if how == "dask" else ["--workers", how]
                load = os.getloadavg()[0]
                began = time.perf_counter()
                out = subprocess.run([sys.executable, "-c", _CHILD, "run", "--no-cache", "-o", f"{folder}/{how}", *option],
                                     capture_output=True, text=True, check=False)
                whole = time.perf_counter() - began
                if out.returncode != 0:
                    raise SystemExit(f"run {how} failed: {out.stderr[-2000:]}")
                figures = json.loads(out.stderr.strip().splitlines()[-1])
                print(f"{how:8s}  {figures['wall']:6.2f}  {whole:9.2f}  {figures['parent']:12.1f}  {figures['workers']:13.1f}  "
                      f"{load:11.1f}  {os.getloadavg()[0]:10.1f}  {figures.get('late', 0):4d}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("phases", help="CPU per phase of one process asking again and again")
    one.add_argument("--model", default="helsingborg")
    one.add_argument("--years", type=float, default=1.0)
    one.add_argument("--replications", type=int, default=1)
    one.add_argument("--repeat", type=int, default=4)
    hot = sub.add_parser("warm", help="a Session answering the three-town what-if")
    hot.add_argument("--workers", type=int, default=2)
    hot.add_argument("--replications", type=int, default=20)
    hot.add_argument("--horizon", default="1y")
    hot.add_argument("--repeat", type=int, default=6)
    hot.add_argument("--settle", type=float, default=3.0, help="seconds to let the workers start")
    run = sub.add_parser("study", help="the bundled study on 1 and 2 workers (and --dask local)")
    run.add_argument("--runs", default="1,2,dask", help="comma-separated: worker counts, or dask")
    run.add_argument("--repeat", type=int, default=1)
    line = sub.add_parser("timeline", help="the parent's phases of the bundled study: its serial CPU, Amdahl's bound")
    line.add_argument("--runs", default="2", help="comma-separated: worker counts, or dask")
    line.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    {"phases": phases, "warm": warm, "study": study, "timeline": timeline}[args.what](args)


if __name__ == "__main__":
    main()
