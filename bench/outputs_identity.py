"""Fingerprints of the command lines' outputs, to show a change leaves every output byte-identical
(a tool, not a test): ``permitflow simulate`` in both formats (case counts and horizons, one and
several replications, one and two workers, ``--set``, event logs as CSV and XES) and ``permitflow
run`` of scenario files (summary.json, summary.csv, cases.csv, event logs, report.html), each as a
short SHA-256 of stdout and of every file written, the code version (a hash of the source, in
summary.json and the report) left out. bench/engine_identity.py fingerprints the engine itself.

``SOURCE``: the source tree to run (default: this one), e.g. a ``git archive`` of the old commit;
the Python running this script runs it (its packages are taken from ``SOURCE``, first on the path).

    .venv/bin/python bench/outputs_identity.py /tmp/old-tree > before.txt
    .venv/bin/python bench/outputs_identity.py > after.txt
    diff before.txt after.txt                                # no output: identical
"""

from __future__ import annotations

import hashlib
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/, also when a test loads this file
from sourcetree import permitflow, source_tree  # noqa: E402

MM1 = ["tests/fixtures/sim/mm1.bpmn", "--profile", "tests/fixtures/sim/mm1.yaml"]
WEEKLY = ["bench/models/seq_weekly.bpmn", "--profile", "bench/models/seq_weekly.yaml"]
QUIET = ["-q"]

SIMULATE: list[list[str]] = [
    [*MM1, "--cases", "3000", "-r", "1", "--workers", "1", "--seed", "0", "--format", "json"],
    [*MM1, "--cases", "3000", "-r", "3", "--workers", "1", "--format", "table"],
    [*MM1, "--cases", "2000", "-r", "2", "--workers", "1", "--format", "json", "--eventlog", "{out}/log.csv"],
    [*WEEKLY, "--cases", "3000", "-r", "1", "--workers", "1", "--seed", "1", "--format", "json"],
    [*WEEKLY, "--cases", "1500", "-r", "2", "--workers", "1", "--format", "table", "--eventlog", "{out}/log.xes"],
    ["helsingborg", "--years", "1", "-r", "3", "--workers", "1", "--format", "json"],
    ["helsingborg", "--years", "1", "-r", "4", "--workers", "2", "--format", "json"],
    ["helsingborg", "--years", "2", "-r", "2", "--workers", "1", "--format", "table",
     "--set", "decision.delegation=officer"],
    ["landskrona", "--cases", "300", "-r", "2", "--workers", "1", "--format", "json", "--eventlog", "{out}/log.xes"],
    ["astorp", "--years", "1", "-r", "2", "--workers", "1", "--format", "json", "--eventlog", "{out}/log.csv"],
    # the default workers: a small run stays in the process, shared with a forked helper from FORK_MIN_COST
    ["helsingborg", "--years", "1", "--format", "json"],
    ["helsingborg", "--years", "1", "-r", "6", "--format", "table", "--eventlog", "{out}/log.xes"],
    ["landskrona", "--cases", "200", "-r", "3", "--format", "json"],
]

RUN: list[list[str]] = [
    ["scenarios/one-more-officer.yaml", "--replications", "3", "--workers", "1"],
    ["scenarios/joint-permit-unit.yaml", "--replications", "2", "--workers", "2"],
    ["scenarios/e-service.yaml", "--replications", "2", "--workers", "1"],
    ["{tmp}/logged.yaml", "--workers", "1"],
    ["scenarios/one-more-officer.yaml", "--replications", "3"],
    ["{tmp}/logged.yaml", "--replications", "4"],
]
#: a scenario file asking for every output (written beside the results)
LOGGED = """name: logged
question: "Helsingborg with event logs"
base: helsingborg
replications: 2
seed: 7
horizon: 1y
warmup: 4w
outputs: [summary, cases, eventlog]
"""
RUN_FILES = ("summary.json", "summary.csv", "cases.csv", "eventlog.csv", "eventlog.xes", "report.html")


def short(data: bytes, *places: str | Path) -> str:
    """The hash of ``data`` with each of ``places`` (the source tree, a temporary folder: paths that
    outputs name) written as ``{}`` and the code version (a hash of the source: summary.json's
    ``code_version``, the report's '... kodversion</span> <code>...</code>') left out."""
    for place in places:
        data = data.replace(str(place).encode(), b"{}")
    data = re.sub(rb'"code_version": "[0-9a-f]*"', b'"code_version": ""', data)
    data = re.sub(rb'(kodversion</span> <code>)[0-9a-f]*(</code>)', rb"\1\2", data)
    return hashlib.sha256(data).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    source = source_tree(__doc__, argv)
    for args in SIMULATE:
        with tempfile.TemporaryDirectory() as tmp:
            real = [a.replace("{out}", tmp) for a in args]
            rc, out, err = permitflow(source, ["simulate", *real, *QUIET])
            files = " ".join(f"{p.name}={short(p.read_bytes(), source, tmp)}" for p in sorted(Path(tmp).iterdir()))
            print(f"simulate {' '.join(args)}: rc={rc} stdout={short(out, source, tmp)} {files}".rstrip())
            if rc:
                print("  " + err.decode(errors="replace").strip().splitlines()[-1])
    for args in RUN:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "out"
            (Path(tmp) / "logged.yaml").write_text(LOGGED, encoding="utf-8")
            real = [a.replace("{tmp}", tmp) for a in args]
            rc, out, err = permitflow(source, ["run", *real, "-o", str(folder), "--no-cache"])
            files = " ".join(f"{name}={short((folder / name).read_bytes(), source, tmp)}"
                             for name in RUN_FILES if (folder / name).exists())
            print(f"run {' '.join(args)}: rc={rc} {files}")
            if rc:
                print("  " + err.decode(errors="replace").strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
