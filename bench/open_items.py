"""A case log whose clerk keeps several cases open at once, made from a permitflow XES log. Not a test.

In a municipality's case system a clerk "starts" a case when it lands on their desk and completes it days later,
with other cases started in between: the rows bracket calendar time, not hands-on work. This makes such a log from
a simulated one of known pools: each row of ``--resource`` (a pool of one person, e.g. ``officer`` simulated with
``pools.officer.count=1``) is renamed ``--name`` and starts at its case's previous completion (when it landed on
the desk) or ``--days`` before its completion when that is later, and the most rows of that name open at once
is printed; ``calibrate`` should count one person, and fit that person's work from the spacing of their
completions (as from the simulated log's real starts), not from the days the rows are open::

    .venv/bin/python cli.py simulate helsingborg --years 2 --seed 7 --set arrivals.per_year=120 \\
        --set pools.officer.count=1 --set pools.officer.fte=1.0 --set pools.registry.fte=1.0 -r 1 \\
        --eventlog one.xes
    PYTHONPATH=. .venv/bin/python bench/open_items.py one.xes open.csv
    .venv/bin/python cli.py calibrate helsingborg open.csv -o p.yaml
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from collections.abc import Sequence

import numpy as np
from lxml import etree

from calibrate.staff import max_concurrent

_XES = "{http://www.xes-standard.org/}"
Row = tuple[str, str, dt.datetime, dt.datetime, str, str]  # case, activity, start, end, resource, element


def instances(xes: bytes) -> list[Row]:
    """The activity instances of a permitflow XES document, each start paired with the next completion of its
    activity in its case."""
    rows: list[Row] = []
    for trace in etree.fromstring(xes).iter(f"{_XES}trace"):
        case = next(s.get("value") for s in trace.iterchildren(f"{_XES}string") if s.get("key") == "concept:name")
        begun: dict[str, list[dt.datetime]] = {}
        for event in trace.iterchildren(f"{_XES}event"):
            found = {child.get("key"): child.get("value") for child in event}
            name, at = found["concept:name"], dt.datetime.fromisoformat(found["time:timestamp"])
            if found.get("lifecycle:transition") == "start":
                begun.setdefault(name, []).append(at)
            elif found.get("lifecycle:transition") == "complete":
                start = begun[name].pop(0) if begun.get(name) else at
                rows.append((case, name, start, at, found.get("org:resource", ""), found.get("permitflow:element", "")))
    return rows


def opened_on_landing(rows: list[Row], resource: str, name: str, days: float) -> list[Row]:
    """``rows`` with each row of ``resource`` renamed ``name`` and started at its case's previous completion, or
    ``days`` before its own completion when that is later (a clerk takes up what landed when they get to it)."""
    out: list[Row] = []
    last: dict[str, dt.datetime] = {}
    for case, activity, start, end, who, element in sorted(rows, key=lambda r: (r[0], r[3], r[2])):
        if who == resource:
            start, who = min(start, max(last.get(case, start), end - dt.timedelta(days=days))), name
        out.append((case, activity, start, end, who, element))
        last[case] = end
    return out


def most_open(rows: list[Row], name: str) -> int:
    """The most rows of ``name`` open at one instant."""
    mine = [(r[2].timestamp(), r[3].timestamp()) for r in rows if r[4] == name]
    return max_concurrent(np.array([a for a, _ in mine]), np.array([b for _, b in mine]))


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="A permitflow XES log as a CSV log whose clerk keeps cases open.")
    parser.add_argument("xes", help="the XES log (simulate --eventlog log.xes)")
    parser.add_argument("out", help="the CSV to write")
    parser.add_argument("--resource", default="officer", help="the pool of one person whose rows open on landing")
    parser.add_argument("--name", default="karin", help="that person's name in the log written")
    parser.add_argument("--days", type=float, default=2.0, help="a row opens at most this many days before it ends")
    args = parser.parse_args(argv)
    with open(args.xes, "rb") as fh:
        rows = opened_on_landing(instances(fh.read()), args.resource, args.name, args.days)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["case_id", "activity", "start", "end", "resource", "element"])
    writer.writerows((c, a, s.isoformat(), e.isoformat(), r, el) for c, a, s, e, r, el in rows)
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write(out.getvalue())
    spans = [(r[3] - r[2]).total_seconds() / 86400 for r in rows if r[4] == args.name]
    print(f"{args.name}: {len(spans)} rows, median open {np.median(spans):.1f} days, at most "
          f"{most_open(rows, args.name)} open at once")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
