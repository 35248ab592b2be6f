"""Probe: the CPU of each work unit in the process that runs it, for `permitflow run` on 1 or 2 workers.

Not a test and not part of the project: it measures where two workers spend more CPU than one
(bench/RESULTS-road.md "Branch study5"). Two modes:

    .venv/bin/python bench/worker_units.py run OUT -- run --no-cache -o FOLDER --workers 2
        runs the command with :func:`scenarios.execute.run_unit` and :func:`report.plots.draw_plot`
        wrapped (before the pool forks, so the workers run the wrappers): each process appends one
        JSON line per unit (CPU s of its thread, first unit of its point in this process or not)
        and per plot to OUT/<pid>.jsonl, and one per chunk (CPU s of the chunk, of pickling it).
    .venv/bin/python bench/worker_units.py summary OUT_ONE OUT_TWO
        per process: units, their CPU (first of a point / later), plots; then per point the mean
        CPU of its later units in each run.
    .venv/bin/python bench/worker_units.py units N here|fork
        the bundled study's first N units in plan order, in this process or in one forked child
        (as a pool worker), the CPU of the units only (run two at once to see the machine's share).
"""

from __future__ import annotations

import glob
import json
import os
import pickle
import resource
import sys
import time
import zlib
from statistics import mean
from typing import Any


def _log(out: str, record: dict[str, Any]) -> None:
    with open(f"{out}/{os.getpid()}.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def run(out: str, argv: list[str]) -> None:
    import cli as cli_module
    from clicommands.workers import OWN_PROCESS

    OWN_PROCESS.append(True)  # as the console script's main() marks it
    import report.plots as plots
    import scenarios.execute as execute
    import scenarios.schedule as schedule
    from simulator.runner import Job, run_replications

    seen: set[tuple[str, ...]] = set()
    unit, plot = execute.run_unit, plots.draw_plot

    def run_unit(spec: Any) -> Any:
        key = (*(m[0] for m in spec.members), str(zlib.crc32("".join(m[3] for m in spec.members).encode())))
        first = key not in seen
        seen.add(key)
        start = time.thread_time()
        value = unit(spec)
        _log(out, {"k": "unit", "key": "|".join(key), "first": first, "cpu": time.thread_time() - start})
        return value

    def run_chunk(chunk: Any) -> bytes:
        start = time.thread_time()
        outcomes = tuple(run_replications([Job("", chunk.task, payload) for payload in chunk.payloads]))
        ran = time.thread_time()
        packed = pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)
        _log(out, {"k": "chunk", "n": len(chunk.payloads), "cpu": time.thread_time() - start,
                   "dumps": time.thread_time() - ran})
        return packed

    def draw_plot(job: Any) -> Any:
        start = time.thread_time()
        value = plot(job)
        _log(out, {"k": "plot", "cpu": time.thread_time() - start})
        return value

    # pickled by name: the workers (forked after this) find the wrappers under the same names
    for fn, module, name in ((run_unit, execute, "run_unit"), (run_chunk, schedule, "run_chunk"),
                             (draw_plot, plots, "draw_plot")):
        fn.__module__, fn.__qualname__ = module.__name__, name
        setattr(module, name, fn)
    start = time.perf_counter()
    try:
        cli_module.cli.main(argv, standalone_mode=False)
    finally:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        print(json.dumps({"wall": time.perf_counter() - start, "parent": own.ru_utime + own.ru_stime,
                          "workers": kids.ru_utime + kids.ru_stime}), file=sys.stderr)


def summary(folders: list[str]) -> None:
    later: dict[str, dict[str, list[float]]] = {}
    for folder in folders:
        for path in sorted(glob.glob(f"{folder}/*.jsonl")):
            with open(path, encoding="utf-8") as f:
                records = [json.loads(line) for line in f]
            units = [r for r in records if r["k"] == "unit"]
            chunks = [r for r in records if r["k"] == "chunk"]
            plots = [r for r in records if r["k"] == "plot"]
            firsts = [r["cpu"] for r in units if r["first"]]
            print(f"{folder} {os.path.basename(path)}: units {len(units)} CPU {sum(r['cpu'] for r in units):.2f} "
                  f"(first of a point: {len(firsts)}, {sum(firsts):.2f}); chunks {len(chunks)} "
                  f"CPU {sum(r['cpu'] for r in chunks):.2f} (pickling {sum(r['dumps'] for r in chunks):.2f}); "
                  f"plots {len(plots)} CPU {sum(r['cpu'] for r in plots):.2f}")
            for r in units:
                if not r["first"]:
                    later.setdefault(r["key"], {}).setdefault(folder, []).append(r["cpu"])
    print("point (processes|profile crc)  mean CPU s of its later units: " + "  ".join(folders))
    for key, runs in later.items():
        print(f"{key[-44:]:>44}  " + "  ".join(f"{mean(runs[f]):.4f}" if f in runs else "-" for f in folders))


def units(count: int, where: str) -> None:
    import gc

    from clicommands.workers import prepared
    from scenarios.loader import bundled_study, read_any

    jobs = prepared(read_any([bundled_study()])).jobs[:count]
    for job in jobs[:12]:  # every point's texts parsed, the caches filled
        job.task(job.payload)
    gc.collect()
    gc.freeze()

    def go() -> None:
        start = time.thread_time()
        for job in jobs:
            job.task(job.payload)
        print(f"{where} {time.thread_time() - start:.2f}", flush=True)

    if where == "fork":
        child = os.fork()
        if child == 0:
            go()
            os._exit(0)
        os.waitpid(child, 0)
    else:
        go()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "run" and len(sys.argv) > 3 and sys.argv[3] == "--":
        os.makedirs(sys.argv[2], exist_ok=True)
        run(sys.argv[2], sys.argv[4:])
    elif what == "summary" and len(sys.argv) > 2:
        summary(sys.argv[2:])
    elif what == "units" and len(sys.argv) == 4 and sys.argv[3] in ("here", "fork"):
        units(int(sys.argv[2]), sys.argv[3])
    else:
        raise SystemExit("usage: worker_units.py run OUT -- ARGS... | summary OUT... | units N here|fork")
