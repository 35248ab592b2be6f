"""Benchmark the command line on one large model: convert, validate, render, diff against itself.

Makes a seeded model of ``--tasks`` tasks (bench_diff.large_model: 70 % single steps, the rest
parallel or exclusive blocks of two or three) as a YAML authoring file, then times, each in its
own ``permitflow`` process (CPU seconds of the child, user + system, and its peak memory):

1. ``convert model.yaml model.bpmn`` (read the authoring form, lay out with Graphviz, write BPMN);
2. ``convert plain.bpmn back.yaml`` (the same model as BPMN without a diagram, to the authoring form);
3. ``validate model.yaml``;
4. ``render model.yaml -o model.svg`` (lays out with Graphviz);
5. ``diff model.yaml model.yaml -o diff.txt``.

The goal (issue 15 item 5) is under 60 s each for 20,000 tasks. A step that runs longer than
``--timeout`` seconds is stopped and reported as not done.

    .venv/bin/python bench/bench_large.py                 # 20,000 tasks
    .venv/bin/python bench/bench_large.py --tasks 2000

Writes only into a temporary folder; bench/RESULTS-large.md records measured figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_diff import large_model  # noqa: E402

from bpmn_io.authoring_write import to_authoring  # noqa: E402
from bpmn_io.writer import to_bpmn_bytes  # noqa: E402

STEPS = (
    ("convert YAML -> BPMN (with a Graphviz layout)", ["convert", "model.yaml", "model.bpmn"]),
    ("convert BPMN -> YAML (step ordering)", ["convert", "plain.bpmn", "back.yaml"]),
    ("validate", ["validate", "model.yaml"]),
    ("render (with a Graphviz layout)", ["render", "model.yaml", "-o", "model.svg"]),
    ("diff against itself", ["diff", "model.yaml", "model.yaml", "-o", "diff.txt"]),
)


def run_step(args: list[str], folder: Path, timeout: float) -> tuple[str, float, float, int]:
    """(outcome, CPU seconds, wall seconds, peak KB) of one permitflow child process."""
    exe = Path(sys.executable).parent / "permitflow"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    try:
        proc = subprocess.run([str(exe), *args], cwd=folder, capture_output=True, text=True, timeout=timeout)
        outcome = f"exit {proc.returncode}" + (f": {proc.stderr.strip().splitlines()[-1][:80]}" if proc.returncode > 1 else "")
    except subprocess.TimeoutExpired:
        outcome = f"not done in {timeout:.0f} s"
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return outcome, cpu, wall, after.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
        folder = Path(tmp)
        started = time.process_time()
        model = large_model(args.tasks, args.seed)
        (folder / "model.yaml").write_text(to_authoring(model), encoding="utf-8")
        (folder / "plain.bpmn").write_bytes(to_bpmn_bytes(model))
        print(f"model of {args.tasks} tasks written as YAML in {time.process_time() - started:.2f} CPU-s "
              f"({(folder / 'model.yaml').stat().st_size / 1e6:.1f} MB)")
        print("| step | outcome | CPU s | wall s | peak MB (max over children so far) |")
        print("|---|---|---|---|---|")
        for name, command in STEPS:
            outcome, cpu, wall, peak = run_step(command, folder, args.timeout)
            print(f"| {name} | {outcome} | {cpu:.2f} | {wall:.2f} | {peak / 1024:.0f} |", flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
