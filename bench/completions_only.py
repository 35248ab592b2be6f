"""The README's completion-only log ("Learning from a case log", *Without start times*). Not a test.

Each ``complete`` event of a permitflow XES log, in the file's order, as a CSV row ``case_id, activity,
timestamp, resource, element``, the timestamp as the XES writes it (to the millisecond, ``+00:00``)::

    permitflow simulate helsingborg --years 2 --seed 7 --set arrivals.per_year=120 \\
        --set pools.officer.fte=1.0 --set pools.registry.fte=1.0 --eventlog log.xes
    PYTHONPATH=. .venv/bin/python bench/completions_only.py log.xes log-nostart.csv
    permitflow calibrate helsingborg log-nostart.csv -o profile.yaml --validate --replications 3

The log's order is the XES's (activity instances by start), so ``calibrate`` notes that its completions go back
in time; made from ``--eventlog log.csv``'s ``end`` column instead (whole seconds) the fit and the figures differ.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence

from lxml import etree

_XES = "{http://www.xes-standard.org/}"


def completions_only(xes: bytes) -> str:
    """The CSV text of the completions of the XES document ``xes`` (permitflow's own keys)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["case_id", "activity", "timestamp", "resource", "element"])
    for trace in etree.fromstring(xes).iter(f"{_XES}trace"):
        case = next(s.get("value") for s in trace.iterchildren(f"{_XES}string") if s.get("key") == "concept:name")
        for event in trace.iterchildren(f"{_XES}event"):
            found = {child.get("key"): child.get("value") for child in event}
            if found.get("lifecycle:transition") == "complete":
                writer.writerow([case, found["concept:name"], found["time:timestamp"], found.get("org:resource", ""),
                                 found.get("permitflow:element", "")])
    return out.getvalue()


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="A permitflow XES log's completions as a CSV log.")
    parser.add_argument("xes", help="the XES log (simulate --eventlog log.xes)")
    parser.add_argument("out", help="the CSV to write")
    args = parser.parse_args(argv)
    with open(args.xes, "rb") as fh:
        text = completions_only(fh.read())
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
