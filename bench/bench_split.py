"""Benchmark: where two workers' extra CPU goes (issue 16, goal 7). Not a test.

The bundled study's work units are run four ways in turn, each measured in CPU seconds
(``getrusage``: user + system) of the processes that simulate, interleaved ``--repeat`` times:

    .venv/bin/python bench/bench_split.py --repeat 2

* ``here``: every unit in this process, one after the other (what ``--workers 1`` does);
* ``chunks``: the same in chunks (:func:`scenarios.schedule.run_chunk`: payloads as one task,
  outcomes pickled), still in this process;
* ``forked-in-turn``: two processes forked from this one (after the study is loaded and
  checked, as the pool's workers are), the first running the even chunks and the second the
  odd ones, *one after the other*: what splitting the work costs in itself (caches each worker
  fills again, pickling), without the two running at the same time;
* ``forked-together``: the same two processes at the same time (what ``--workers 2`` does).

``loop-alone`` / ``loop-together``: a pure-Python loop (no memory to speak of) alone and as two
processes at once, for comparison: how much slower a core gets when the other is busy too.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
from collections.abc import Sequence
from typing import Any

from scenarios.execute import unit_cost
from scenarios.loader import bundled_study, read_any
from scenarios.road import prepare
from scenarios.schedule import Chunk, chunks_of, default_chunk, run_chunk
from simulator.runner import Job, run_replications


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _children() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _run_chunks(jobs: Sequence[Job], parts: Sequence[Sequence[int]]) -> None:
    for part in parts:
        run_chunk(Chunk(jobs[part[0]].task, tuple(jobs[i].payload for i in part)))


def _loop(n: int) -> None:
    total = 0
    for i in range(n):
        total += i * i % 7
    assert total >= 0


def _forked(work: list[Any], together: bool) -> list[float]:
    """CPU seconds of each forked process running ``work[k]()``; in turn or together."""
    pids = []
    read, write = os.pipe()
    for job in work:
        pid = os.fork()
        if pid == 0:  # the child: run, report its own CPU, leave without cleanup
            os.close(read)
            start = _cpu()
            job()
            os.write(write, f"{_cpu() - start:.4f}\n".encode())
            os._exit(0)
        pids.append(pid)
        if not together:
            os.waitpid(pid, 0)
    for pid in pids if together else []:
        os.waitpid(pid, 0)
    os.close(write)
    with os.fdopen(read) as fh:
        return [float(line) for line in fh.read().split()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--loop", type=int, default=20_000_000, help="iterations of the pure-Python loop")
    args = parser.parse_args(argv)
    plan = prepare(read_any([bundled_study()]))
    jobs = list(plan.jobs)
    costs = [unit_cost(job.payload) for job in jobs]
    parts = chunks_of(plan.units, range(len(jobs)), size=default_chunk(len(jobs), 2), cost=costs.__getitem__)
    halves = [parts[0::2], parts[1::2]]
    print(f"# {platform.machine()}, {os.cpu_count()} logical CPUs, Python {platform.python_version()}; "
          f"{len(jobs)} work units in {len(parts)} chunks")
    print("how               CPU s (each process)        total  load before")
    for _ in range(args.repeat):
        for how in ("here", "chunks", "forked-in-turn", "forked-together", "loop-alone", "loop-together"):
            load = os.getloadavg()[0]
            if how == "here":
                start = _cpu()
                run_replications(jobs)
                each = [_cpu() - start]
            elif how == "chunks":
                start = _cpu()
                _run_chunks(jobs, parts)
                each = [_cpu() - start]
            elif how.startswith("forked"):
                each = _forked([lambda half=half: _run_chunks(jobs, half) for half in halves],  # type: ignore[misc]
                               together=how == "forked-together")
            else:
                work = [lambda: _loop(args.loop)] * (2 if how == "loop-together" else 1)
                each = _forked(work, together=True)
            shown = " + ".join(f"{c:.2f}" for c in each)
            print(f"{how:16s}  {shown:26s}  {sum(each):6.2f}  {load:11.1f}", flush=True)


if __name__ == "__main__":
    main()
