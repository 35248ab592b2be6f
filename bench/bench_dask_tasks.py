"""Benchmark: what a local Dask cluster costs beyond the process pool for the bundled study's traffic.

Not a test; the figures go to bench/RESULTS-road.md with the machine and load. One fresh process
per call: import, start the executor the way ``permitflow run`` does (:func:`scenarios.executors.
executor_for`), one task to start the workers, then ``TASKS`` tasks each sending ``PAYLOAD``
characters (a chunk's BPMN and profile texts) and returning ``ROWS`` case rows (the bundled study:
about 60 chunks of 600 rows), either as the list itself or pickled into one ``bytes`` object
(``--packed``, what :func:`scenarios.schedule.run_chunk` returns)::

    .venv/bin/python bench/bench_dask_tasks.py dask --tasks 60 --rows 600 --packed
    .venv/bin/python bench/bench_dask_tasks.py pool --tasks 60 --rows 600

CPU seconds of this process and of its children (the workers), by phase.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import time
from typing import Any

ROW = (0, "helsingborg", 1, 0, 1.5, 2.5, 3.5, 12.25, 11.0, True, "grant")


def _cpu() -> tuple[float, float]:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def task(payload: str, rows: int, packed: bool) -> Any:
    """A chunk's stand-in: ``rows`` case rows back, as a list or pickled."""
    result = [(*ROW[:2], i, *ROW[3:]) for i in range(rows)]  # distinct rows (pickle would share one)
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) if packed else result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("how", choices=("pool", "dask"))
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--rows", type=int, default=600)
    parser.add_argument("--payload", type=int, default=60_000)
    parser.add_argument("--packed", action="store_true")
    args = parser.parse_args()
    import scenarios.execute  # noqa: F401 - the engine, as a run has it before its executor starts
    from scenarios.executors import executor_for

    payload = "x" * args.payload
    parent0, kids0 = _cpu()
    if args.how == "dask":
        import dask.distributed  # noqa: F401
    parent1, _ = _cpu()
    start = time.perf_counter()
    with executor_for(workers=2, dask="local" if args.how == "dask" else None, jobs=args.tasks + 1) as executor:
        assert executor is not None
        executor.submit(task, payload, 1, args.packed).result()
        parent2, _ = _cpu()
        futures = [executor.submit(task, payload, args.rows, args.packed) for _ in range(args.tasks)]
        got = [pickle.loads(f.result()) if args.packed else f.result() for f in futures]
        assert all(len(rows) == args.rows for rows in got)
        parent3, _ = _cpu()
    parent4, kids4 = _cpu()
    print(f"{args.how:4s} packed={args.packed!s:5s} tasks={args.tasks} rows={args.rows}: parent import {parent1 - parent0:.2f}, "
          f"start {parent2 - parent1:.2f}, tasks {parent3 - parent2:.2f}, stop {parent4 - parent3:.2f}; "
          f"workers {kids4 - kids0:.2f}; all {parent4 + kids4 - parent0 - kids0:.2f} CPU s; "
          f"wall {time.perf_counter() - start:.1f} s; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
