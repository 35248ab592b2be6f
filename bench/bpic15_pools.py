"""Staff counts of BPIC15_1 with a pool per subprocess: how many people count twice? Not a test.

``discover`` gives BPIC15_1 one lane (its employees share the work), and ``calibrate`` fits no pool from it at all:
46 % of its timestamps are midnight, so it reads the log as dates only and fits every step as a calendar delay.
This script makes the case where a person could count in two pools, on the log's own rows: each row in the pool
of its activity code's subprocess (``01_HOOFD_010``: HOOFD; ``09_AH_I_010``: AH_I ...), and each pool's people
counted as ``calibrate`` counts them (:mod:`calibrate.staff`): before, everyone with 1 % of a pool's rows; now,
each of them once, in the pool where they did most of their work::

    PYTHONPATH=. .venv/bin/python bench/bpic15_pools.py ../shared/data/logs/BPIC15_1.xes.gz
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from bpmn_io.caselog import LogTable
from calibrate.staff import counted_people, home_pools, with_some_work

_SUBPROCESS = re.compile(r"^\d+_(.+?)_\d+\w*$")


def names_by_subprocess(table: LogTable) -> dict[str, list[str]]:
    """Each subprocess's rows' resources (an activity code without one: the pool ``other``)."""
    out: dict[str, list[str]] = {}
    pool = [(m.group(1) if (m := _SUBPROCESS.match(a)) else "other") for a in table.activities]
    for a, r in zip(table.activity.tolist(), table.resource.tolist(), strict=True):
        out.setdefault(pool[a], []).append(table.resources[r])
    return out


def counts(names: dict[str, list[str]]) -> list[tuple[str, int, int, int, int]]:
    """Per pool: (pool, rows, people with 1 % of its rows, of them counted here now, of them counting elsewhere
    who stay as its one person: everyone with 1 % of its rows did more of their work in another pool)."""
    home = home_pools(names)
    out = []
    for pool in sorted(names, key=lambda p: -len(names[p])):
        people, _, _ = counted_people(pool, names[pool], home)
        kept = sum(1 for p in people if home.get(p) != pool)
        out.append((pool, len(names[pool]), len(with_some_work(names[pool])), len(people), kept))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    from bpmn_io.logfiles import read_log

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("log", help="BPIC15_1.xes.gz")
    args = parser.parse_args(argv)
    table, _ = read_log(args.log)
    names = names_by_subprocess(table)
    found = counts(names)
    print("pool | rows | count before (people with 1 % of its rows) | count now | of them kept as its one person")
    for row in found:
        print(" | ".join(str(x) for x in row))
    people = {p for pool in names for p in with_some_work(names[pool])}
    print(f"sum of the counts: before {sum(r[2] for r in found)}, now {sum(r[3] for r in found)} "
          f"({sum(r[4] for r in found)} kept as a pool's one person); people {len(people)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
