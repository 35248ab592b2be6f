"""What a case log's check costs in its process of its own (:meth:`web.runs.Runs.call_apart`, as the server
runs :func:`web.logupload.calibrated_upload` for ``POST /api/logs``, with its time limit), with the fork
server that process starts from importing the calibration once (``--variant after``:
:data:`web.logupload.CALIBRATION_MODULES` preloaded, as the app asks) and without (``before``: each check's
process imports it).

The log: Höganäs simulated for 2 years at seed 7 (``permitflow simulate --eventlog``, the simulator's CSV),
calibrated to the library's Höganäs model and validated, as the page's *Egen ärendelogg* does. Each variant
runs in a fresh process (the fork server is one per process, its preload fixed when it starts), alternately,
``--repeat`` times; the first call of each, which starts the fork server, is not counted. Also prints the fork
server's RSS and a pool worker's memory (its RSS, PSS and private pages).

    PYTHONPATH=. .venv/bin/python bench/bench_serve_logcheck.py --calls 5 --repeat 3
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: what the app's fork server imports besides (web.state: web.whatif, scenarios.road; cli under
#: permitflow serve)
BASE = ("web.whatif", "scenarios.road")


def _fork_server_rss_mb(parent: int) -> float:
    """The RSS of the fork server, the child of ``parent`` that runs multiprocessing.forkserver."""
    for child in Path(f"/proc/{parent}/task/{parent}/children").read_text().split():
        if "forkserver" in Path(f"/proc/{child}/cmdline").read_text():
            status = Path(f"/proc/{child}/status").read_text()
            kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            return kb / 1024
    return float("nan")


def _memory_mb(pid: int) -> str:
    """A process's RSS, PSS (its shared pages split among those sharing them) and private pages, in MB."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    kb = {line.split(":")[0]: int(line.split()[1]) for line in rollup}
    private = kb["Private_Clean"] + kb["Private_Dirty"]
    return f"RSS {kb['Rss'] / 1024:.0f}, PSS {kb['Pss'] / 1024:.0f}, private {private / 1024:.0f} MB"


def _checked_cpu(*sent: object) -> float:
    """A log's check, as the server asks it (:func:`web.logupload.calibrated_upload`), in its process: the CPU
    seconds that process spent from its start (a forked process starts from 0), imports included."""
    from web.logupload import calibrated_upload

    calibrated_upload(*sent)  # type: ignore[arg-type]
    return time.process_time()


def measure(variant: str, log: bytes, calls: int) -> str:
    from web.logupload import CALIBRATION_MODULES
    from web.runs import Runs

    runs = Runs(1, preload=BASE + (CALIBRATION_MODULES if variant == "after" else ()))
    try:
        runs.call_apart(os.getpid)  # starts the fork server
        wall, cpu = [], []
        for n in range(calls):
            t = time.perf_counter()
            cpu.append(runs.call_apart(_checked_cpu, f"Höganäs {n}", log, "hoganas.csv", "hoganas", b"", "", {},
                                       seconds=60))
            wall.append(time.perf_counter() - t)
        server = _fork_server_rss_mb(os.getpid())
        pool = runs._executor()
        worker = _memory_mb(pool.submit(os.getpid).result()) if pool is not None else "no pool"
    finally:
        runs.close()
    return (f"{variant}: a log's check, wall median {statistics.median(wall):.2f} s "
            f"({min(wall):.2f}-{max(wall):.2f}), CPU of its process median {statistics.median(cpu):.2f} s "
            f"({min(cpu):.2f}-{max(cpu):.2f}), fork server RSS {server:.0f} MB; a pool worker: {worker}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5, help="checks per variant (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of both variants (default 3)")
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # in the child: before or after
    parser.add_argument("--log", help=argparse.SUPPRESS)  # in the child: the log's file
    args = parser.parse_args()
    if args.variant is not None:
        print(measure(args.variant, Path(args.log).read_bytes(), args.calls), flush=True)
        sys.exit(0)
    from click.testing import CliRunner

    from cli import cli

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hoganas.csv"
        made = CliRunner().invoke(cli, ["simulate", "hoganas", "--years", "2", "--replications", "1",
                                        "--seed", "7", "--eventlog", str(path), "--quiet"])
        assert made.exit_code == 0, made.output
        when = time.strftime("%H:%M UTC", time.gmtime())
        print(f"load {os.getloadavg()[0]:.1f}, {when}, {os.cpu_count()} CPUs")
        for _ in range(args.repeat):
            for variant in ("before", "after"):
                subprocess.run([sys.executable, __file__, "--calls", str(args.calls), "--variant", variant,
                                "--log", str(path)], check=True)
