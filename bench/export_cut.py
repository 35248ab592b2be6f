"""A simulated XES log as a case system would export it mid-run. Not a test.

bench/bench_censored_wait.py's ``cut_at_export`` first (every event after 12:00 on the day DAYS after the
log's first event dropped), then the start of each wait still awaited at the export (a lifecycle start left
without its complete, by no one: resource ``none``) is dropped too: a case system writes no row for an answer
not yet come. Work under way keeps its start (a row started and not ended). Prints the export instant, the
waits truly open then per element (those a withdrawal after the export cancelled included: the simulator's log
has no event of them), and how many such starts it dropped. The qaopen figures (the README's
discovery section)::

    .venv/bin/python cli.py simulate helsingborg --years 2 --seed 7 --set arrivals.per_year=120 \\
        --set pools.officer.fte=1.0 --set pools.registry.fte=1.0 -r 1 --eventlog log.xes
    PYTHONPATH=. .venv/bin/python bench/export_cut.py log.xes ex200.xes 200
    PYTHONPATH=. .venv/bin/python bench/discover_truth.py ex200.xes helsingborg
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.bench_censored_wait import XES, cut_at_export


def export_cut(log: Path, out: Path, days: int) -> tuple[Counter[str], dt.datetime, int]:
    """``log`` cut at 12:00 on the day ``days`` after its first event, written to ``out`` as a case system
    exports it (see the module doc): the waits truly open then per element, the export instant and how many
    starts of waits still awaited it dropped."""
    from lxml import etree

    shutil.copy(log, out)
    opened, export = cut_at_export(out, days)
    tree = etree.parse(str(out))
    dropped = 0
    for trace in tree.getroot().iter(f"{XES}trace"):
        pending: dict[tuple[str, str], list[tuple[Any, str]]] = defaultdict(list)
        for event in trace.findall(f"{XES}event"):
            said = {a.get("key"): a.get("value") for a in event}
            key = (said.get("permitflow:element", ""), said.get("concept:name", ""))
            if said.get("lifecycle:transition") == "start":
                pending[key].append((event, said.get("org:resource", "")))
            elif said.get("lifecycle:transition") == "complete" and pending[key]:
                pending[key].pop(0)
        for left in pending.values():
            for event, resource in left:
                if resource == "none":
                    trace.remove(event)
                    dropped += 1
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return opened, export, dropped


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("out")
    parser.add_argument("days", type=int)
    args = parser.parse_args(argv)
    opened, export, dropped = export_cut(Path(args.log), Path(args.out), args.days)
    print(f"export {export}; open then: {dict(sorted((k, v) for k, v in opened.items() if v))}; "
          f"starts of waits still awaited dropped: {dropped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
