"""What a case log's check costs in its process of its own (:meth:`web.runs.Runs.call_apart`, as the server
runs :func:`web.logupload.calibrated_upload` for ``POST /api/logs``, with its time limit), and what the fork
servers cost, in three variants: ``before`` (the fork server imports web.whatif and scenarios.road; each
check's process imports the calibration), ``shared`` (that fork server also imports
:data:`web.logupload.CALIBRATION_MODULES`, as qaweb3 had it: every process it starts, a pool worker too,
begins with them) and ``own`` (as the app asks now: a fork server of the checks' own imports them,
:mod:`web.checkserver`, started by the first check; the pool's workers start from the other).

The log: Höganäs simulated for 2 years at seed 7 (``permitflow simulate --eventlog``, the simulator's CSV),
calibrated to the library's Höganäs model and validated, as the page's *Egen ärendelogg* does. Each variant
runs in a fresh process (a fork server is one per process, its preload fixed when it starts), in turn,
``--repeat`` times. The first check (which, with ``own``, starts the checks' fork server) is said apart and
not in the medians. Also prints the fork servers' RSS and a pool worker's memory (its RSS, PSS and private
pages).

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


def _fork_servers_rss_mb(parent: int) -> str:
    """The RSS of each fork server, the children of ``parent`` that run multiprocessing.forkserver."""
    found = []
    for child in Path(f"/proc/{parent}/task/{parent}/children").read_text().split():
        if "forkserver" in Path(f"/proc/{child}/cmdline").read_text():
            status = Path(f"/proc/{child}/status").read_text()
            kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            found.append(f"{kb / 1024:.0f}")
    return " + ".join(found) + " MB"


def _memory_mb(pid: int) -> str:
    """A process's RSS, PSS (its shared pages split among those sharing them) and private pages, in MB."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    kb = {line.split(":")[0]: int(line.split()[1]) for line in rollup}
    private = kb["Private_Clean"] + kb["Private_Dirty"]
    return f"RSS {kb['Rss'] / 1024:.0f}, PSS {kb['Pss'] / 1024:.0f}, private {private / 1024:.0f} MB"


def simulated_log(code: Path) -> bytes:
    """The log: Höganäs simulated for 2 years at seed 7 by the checkout ``code`` (``permitflow simulate
    --eventlog``, the simulator's CSV)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hoganas.csv"
        subprocess.run([f"{code}/.venv/bin/python", "-c", "from cli import cli; cli()", "simulate", "hoganas",
                        "--years", "2", "--replications", "1", "--seed", "7", "--eventlog", str(path),
                        "--quiet"], cwd=code, env=dict(os.environ, PYTHONPATH=str(code)), check=True,
                       capture_output=True)
        return path.read_bytes()


def _checked_cpu(*sent: object) -> float:
    """A log's check, as the server asks it (:func:`web.logupload.calibrated_upload`), in its process: the CPU
    seconds that process spent from its start (a forked process starts from 0), imports included."""
    from web.logupload import calibrated_upload

    calibrated_upload(*sent)  # type: ignore[arg-type]
    return time.process_time()


def measure(variant: str, log: bytes, calls: int) -> str:
    from web.logupload import CALIBRATION_MODULES
    from web.runs import Runs

    shared = CALIBRATION_MODULES if variant == "shared" else ()
    runs = Runs(1, preload=BASE + shared, check_preload=CALIBRATION_MODULES if variant == "own" else ())
    try:
        runs.call_apart(os.getpid)  # starts the fork server the pool's workers start from
        wall, cpu = [], []
        for n in range(calls + 1):
            t = time.perf_counter()
            sent = (f"Höganäs {n}", log, "hoganas.csv", "hoganas", b"", "", {})
            cpu.append(runs.call_apart(_checked_cpu, *sent, seconds=60, checks_server=variant == "own"))
            wall.append(time.perf_counter() - t)
        servers = _fork_servers_rss_mb(os.getpid())
        pool = runs._executor()
        worker = _memory_mb(pool.submit(os.getpid).result()) if pool is not None else "no pool"
    finally:
        runs.close()
    first, wall, cpu = (wall[0], cpu[0]), wall[1:], cpu[1:]
    return (f"{variant}: the first check {first[0]:.2f} s (CPU {first[1]:.2f} s); then a log's check, wall "
            f"median {statistics.median(wall):.2f} s ({min(wall):.2f}-{max(wall):.2f}), CPU of its process "
            f"median {statistics.median(cpu):.2f} s ({min(cpu):.2f}-{max(cpu):.2f}); fork servers RSS {servers}; "
            f"a pool worker: {worker}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5, help="checks per variant (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of both variants (default 3)")
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # in the child: before, shared or own
    parser.add_argument("--log", help=argparse.SUPPRESS)  # in the child: the log's file
    args = parser.parse_args()
    if args.variant is not None:
        print(measure(args.variant, Path(args.log).read_bytes(), args.calls), flush=True)
        sys.exit(0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hoganas.csv"
        path.write_bytes(simulated_log(Path(__file__).resolve().parents[1]))
        when = time.strftime("%H:%M UTC", time.gmtime())
        print(f"load {os.getloadavg()[0]:.1f}, {when}, {os.cpu_count()} CPUs")
        for _ in range(args.repeat):
            for variant in ("before", "shared", "own"):
                subprocess.run([sys.executable, __file__, "--calls", str(args.calls), "--variant", variant,
                                "--log", str(path)], check=True)
