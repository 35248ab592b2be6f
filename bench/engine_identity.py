"""Fingerprints of many engine runs, to show a change to the engine leaves results identical
(a tool, not a test): one line per run with short SHA-256 hashes of the records (cases,
activities, resource intervals, meetings), the CSV and XES event logs and the figures, then the
summary-only figures and the event count of the same run without records.

Runs: M/M/1, M/M/3 and bench/models/seq_weekly by case count (2,000), the remiss fixture (it replays
one arrival date: its one case), every library model by case count (300) and by its profile's horizon;
seeds 1, 7 and 2025: 72 lines.

    .venv/bin/python bench/engine_identity.py > before.txt   # on the old commit
    .venv/bin/python bench/engine_identity.py > after.txt    # on the new one
    diff before.txt after.txt                                # no output: identical
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bpmn_io.library import library_names, load_entry  # noqa: E402
from bpmn_io.profile import apply_overrides, profile_from_data, read_profile  # noqa: E402
from bpmn_io.reader import read_bpmn  # noqa: E402
from simulator.engine import simulate  # noqa: E402
from simulator.eventlog import to_csv, to_xes  # noqa: E402
from simulator.stats import figures  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "sim"
SEEDS = (1, 7, 2025)


def fingerprint(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def models() -> Iterator[tuple[str, Any, Any]]:
    files = {"mm1": (FIXTURES / "mm1.bpmn", FIXTURES / "mm1.yaml"),
             "remiss": (FIXTURES / "remiss.bpmn", FIXTURES / "remiss.yaml"),
             "seqweekly": (ROOT / "bench/models/seq_weekly.bpmn", ROOT / "bench/models/seq_weekly.yaml")}
    for name, (bpmn, profile) in files.items():
        process, raw = read_bpmn(bpmn).process(), read_profile(profile).raw
        for servers in ((1, 3) if name == "mm1" else (None,)):
            data = copy.deepcopy(raw)
            if servers == 3:
                data = apply_overrides(data, {"simulation.pools.server.count": 3,
                                              "simulation.arrivals.per_year": 21000.0})
            # a profile replaying arrivals.dates is simulated for its dates (at most 2,000 cases): more cases
            # than dates is refused since f98cd36 (before, the surplus was quietly not simulated)
            dates = data["simulation"].get("arrivals", {}).get("dates")
            data = apply_overrides(data, {"simulation.cases": min(2000, len(dates)) if dates else 2000})
            yield f"{name}-{servers}", process, profile_from_data(data).simulation
    for name in library_names():
        entry = load_entry(name)
        data = copy.deepcopy(entry.profile.raw)
        data["simulation"].pop("horizon", None)
        data["simulation"]["cases"] = 300
        yield f"{name}-cases", entry.definitions.process(), profile_from_data(data).simulation
        yield f"{name}-horizon", entry.definitions.process(), profile_from_data(copy.deepcopy(entry.profile.raw)).simulation


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                            formatter_class=argparse.RawDescriptionHelpFormatter,
                            epilog="Takes no arguments: run it on each commit and compare the two outputs.").parse_args(argv)
    for label, process, params in models():
        for seed in SEEDS:
            kept = simulate(process, params, seed=seed)
            parts = [fingerprint(kept.cases), fingerprint(kept.activities), fingerprint(kept.intervals),
                     fingerprint(kept.meetings), fingerprint(to_csv(kept, params.start)),
                     fingerprint(to_xes(kept, params.start)), fingerprint(figures(kept))]
            summary = simulate(process, params, seed=seed, keep_records=False)
            parts += [fingerprint(figures(summary)), str(summary.events)]
            print(label, seed, " ".join(parts), flush=True)


if __name__ == "__main__":
    main()
