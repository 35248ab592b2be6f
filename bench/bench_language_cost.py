"""What the language detector costs: peak resident memory and time of one ``detect_language`` call, each in
a fresh Python process (the dictionaries load on first use and stay), for models of each kind it meets.

Each case's labels are the names of a model's steps, read as ``diff`` reads them (``build_view``), before the
clock starts; the child reports its peak RSS (``ru_maxrss``) before and after the call, and the call's CPU and
wall time. A Swedish model without å, ä and ö is the labels of bench/matching/sv/p25/a.yaml that have none of
them (no Swedish model of the benchmarks lacks all three).

    PYTHONPATH=. .venv/bin/python bench/bench_language_cost.py     # a Markdown table, one row per case

Writes nothing; bench/RESULTS-language.md records measured tables with the machine and the command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (case, model file, keep only labels without å/ä/ö)
CASES = (
    ("code names (jbpm-designer's simulationProcess.bpmn2: StartEvent, UserTask, ...)", None, False),
    ("Swedish with å, ä and ö", "bench/matching/sv/p1/a.yaml", False),
    ("Swedish with ä and ö, no å, compounds", "bench/matching/sv/p8/a.yaml", False),
    ("Swedish without å, ä and ö", "bench/matching/sv/p25/a.yaml", True),
    ("English", "bench/matching/en/e1/a.yaml", False),
    ("German", "tests/fixtures/diff/bewerbung.yaml", False),
    ("Danish with æ and ø", "bench/language/nordic/da-alkoholbevilling.yaml", False),
    ("Norwegian without æ, ø and å", "bench/language/nordic/nb-uteservering.yaml", False),
)
#: the step names of ../shared/interop/odd/jbpm-designer/simulationProcess.bpmn2 (an engine's test fixture)
CODE_NAMES = ["StartEvent", "UserTask", "EndEvent", "SubProcess", "SubService", "CallActivity", "ThrowEvent",
              "CancelEvent", "BoundaryEvent"]

_CHILD = """
import json, resource, sys, time
from bpmn_io.loading import load_model
from processes.diff.view import build_view
from processes.labellanguage import detect_language
path, plain, names = sys.argv[1], sys.argv[2] == "1", json.loads(sys.argv[3])
if path:
    names = [s.name for s in build_view(load_model(path, strict=False)).steps.values() if s.name]
if plain:
    names = [n for n in names if not set(n.casefold()) & set("åäö")]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
wall, cpu = time.perf_counter(), time.process_time()
found = detect_language(names)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"found": found, "labels": len(names), "before": before, "peak": peak, "cpu": cpu,
                  "wall": wall}))
"""


def measure(path: str | None, plain: bool) -> dict[str, float | str]:
    """One case in a fresh process: its answer, labels, RSS (kB) before and at peak, CPU and wall seconds."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [str(ROOT / path) if path else "", "1" if plain else "0", json.dumps(CODE_NAMES)]
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, check=True,
                          cwd=ROOT, env=env)
    return json.loads(done.stdout)


def main() -> int:
    print("| case | labels | answer | RSS before (MB) | peak RSS (MB) | CPU (s) | wall (s) |")
    print("|---|---|---|---|---|---|---|")
    for case, path, plain in CASES:
        m = measure(path, plain)
        print(f"| {case} | {m['labels']} | {m['found']} | {float(m['before']) / 1024:.0f} | "
              f"{float(m['peak']) / 1024:.0f} | {float(m['cpu']):.2f} | {float(m['wall']):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
