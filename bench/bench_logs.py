"""Case-log speed and memory (not a test): inspect a real 52k-event log, stream a generated
1M-event XES in bounded memory, calibrate a ~50k-event log.

Each measurement runs the real command in a fresh process under /usr/bin/time and reports
its CPU seconds (user + sys) and peak resident memory. Usage:

    .venv/bin/python bench/bench_logs.py [--bpic ../shared/data/logs/BPIC15_1.xes.gz] [--events 1000000]
        [--steps inspect,calibrate,discover] [--csv] [--code CHECKOUT]

``--csv`` inspects the generated logs written as CSV too; ``--code`` runs that checkout's ``cli.py`` instead of
the installed ``permitflow`` (to measure a branch against main).

Rows are printed as they are measured; a command that fails is a row saying why, and so is a BPIC15_1
log that is not there (its two rows are skipped).
"""

from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERMITFLOW = str(Path(sys.executable).parent / "permitflow")
#: ../shared beside the checkout (or $PERMITFLOW_SHARED, as the tests read it)
BPIC = Path(os.environ.get("PERMITFLOW_SHARED") or ROOT.parent / "shared") / "data" / "logs" / "BPIC15_1.xes.gz"
#: the checkout whose cli.py runs instead of the installed ``permitflow`` (--code), None: the installed one
CODE: Path | None = None


def measure(args: list[str]) -> tuple[float, float, int] | str:
    """(wall s, CPU s, peak RSS MB) of one run of ``args``, or why it failed (the other rows go on)."""
    if args[0] == PERMITFLOW and CODE is not None:  # another checkout's code (--code), not the installed one
        args = [sys.executable, str(CODE / "cli.py"), *args[1:]]
    env = {**os.environ, "PYTHONPATH": str(CODE)} if CODE is not None else None
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *args], capture_output=True, text=True, check=False,
                         env=env)
    if out.returncode != 0:
        lines = [line for line in out.stderr.splitlines() if line.startswith("permitflow:")]
        return f"failed: {lines[-1] if lines else out.stderr[-300:]}"
    wall, user, sys_, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(sys_), int(rss) // 1024


def write_xes(path: Path, events: int, per_trace: int = 10) -> None:
    """A synthetic XES log: ``events`` completions in traces of ``per_trace`` (streamed, gzip level 1)."""
    acts = [f"Aktivitet {i}" for i in range(per_trace)]
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0" '
                  b'xmlns="http://www.xes-standard.org/">\n')
        for t in range(events // per_trace):
            day = 1 + t % 28
            chunk = [f'<trace><string key="concept:name" value="case{t}"/>\n']
            for i, act in enumerate(acts):
                chunk.append(f'<event><string key="concept:name" value="{act}"/>'
                             f'<string key="org:resource" value="r{(t + i) % 40}"/>'
                             f'<string key="lifecycle:transition" value="complete"/>'
                             f'<date key="time:timestamp" value="20{10 + t % 10}-{1 + t % 12:02d}-{day:02d}T'
                             f'{8 + i % 9:02d}:{(t * 7) % 60:02d}:00.000+01:00"/></event>\n')
            chunk.append("</trace>\n")
            out.write("".join(chunk).encode())
        out.write(b"</log>\n")


def write_csv(path: Path, events: int, per_trace: int = 10) -> None:
    """The log of :func:`write_xes` as CSV rows (case, activity, resource, timestamp; gzip level 1)."""
    acts = [f"Aktivitet {i}" for i in range(per_trace)]
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b"case,activity,resource,timestamp\n")
        for t in range(events // per_trace):
            day = 1 + t % 28
            out.write("".join(f"case{t},{act},r{(t + i) % 40},20{10 + t % 10}-{1 + t % 12:02d}-{day:02d}T"
                              f"{8 + i % 9:02d}:{(t * 7) % 60:02d}:00+01:00\n"
                              for i, act in enumerate(acts)).encode())


def main() -> None:
    global CODE
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bpic", default=str(BPIC), help="the BPIC15_1 log (default: %(default)s)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--steps", default="inspect,calibrate,discover", help="comma-separated: which rows to run")
    parser.add_argument("--code", type=Path, default=None,
                        help="run this checkout's cli.py (PYTHONPATH=it) instead of the installed permitflow")
    parser.add_argument("--csv", action="store_true", help="inspect the generated logs as CSV too")
    opts = parser.parse_args()
    CODE = opts.code.resolve() if opts.code else None
    steps = set(opts.steps.split(","))
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| what | wall s | CPU s | peak RSS MB |\n|---|---|---|---|", flush=True)
    rows = Rows()
    if not Path(opts.bpic).is_file() and steps & {"inspect", "discover"}:
        print(f"| BPIC15_1 rows (inspect, discover) | skipped: {opts.bpic} not found | | |", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if Path(opts.bpic).is_file() and "inspect" in steps:
            rows.append(("log inspect BPIC15_1.xes.gz (52,217 events)",
                         measure([PERMITFLOW, "log", "inspect", opts.bpic])))
        for n in (opts.events // 10, opts.events) if "inspect" in steps else ():
            path = folder / f"big{n}.xes.gz"
            write_xes(path, n)
            rows.append((f"log inspect generated {n:,}-event XES.gz ({path.stat().st_size // 2**20} MB packed)",
                         measure([PERMITFLOW, "log", "inspect", str(path)])))
            if opts.csv:
                path = folder / f"big{n}.csv.gz"
                write_csv(path, n)
                rows.append((f"log inspect generated {n:,}-row CSV.gz ({path.stat().st_size // 2**20} MB packed)",
                             measure([PERMITFLOW, "log", "inspect", str(path)])))
        if "calibrate" in steps:
            calibrate(folder, rows)
        if Path(opts.bpic).is_file() and "discover" in steps:
            rows.append(("discover + calibrate BPIC15_1 (--min-frequency 0.5, activityNameEN)",
                         measure([PERMITFLOW, "discover", opts.bpic, "-o", str(folder / "m.bpmn"), "--profile-out",
                                  str(folder / "m.yaml"), "--activity", "activityNameEN", "--min-frequency", "0.5"])))
    print(f"load average after: {os.getloadavg()[0]:.2f}")


class Rows:
    """Table rows printed as they are measured (a long run that stops keeps what it had)."""

    def append(self, row: tuple[str, tuple[float, float, int] | str]) -> None:
        what, figures = row
        if isinstance(figures, str):
            print(f"| {what} | {figures} | | |", flush=True)
        else:
            wall, cpu, rss = figures
            print(f"| {what} | {wall:.1f} | {cpu:.1f} | {rss} |", flush=True)


def calibrate(folder: Path, rows: Rows) -> None:
    """Calibrate Helsingborg from a simulated log of about 50k activity instances."""
    log = folder / "sim.xes"
    subprocess.run([PERMITFLOW, "simulate", "helsingborg", "--years", "4", "--seed", "3", "-q", "--eventlog",
                    str(log), "--set", "arrivals.per_year=480"], check=True, capture_output=True)
    events = log.read_bytes().count(b"<event>") // 2
    rows.append((f"calibrate helsingborg from a simulated log ({events:,} activity instances)",
                 measure([PERMITFLOW, "calibrate", "helsingborg", str(log), "-o", str(folder / "p.yaml")])))


if __name__ == "__main__":
    main()
