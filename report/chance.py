"""How many of a report's highlighted differences chance alone would highlight.

A difference is highlighted when its 95 % interval excludes zero
(:attr:`scenarios.compare.Difference.significant`): for one figure that is "unlikely to be chance". A report
compares every figure of every scenario and sweep point with its baseline, some hundreds of them, and each
comparison of a change that truly does nothing is still highlighted one time in 20. So some highlights among
many are expected to be chance; the report says how many at most (one in 20 of the comparisons), instead of
correcting the intervals, which stay those of ``summary.json`` (found by QA: the report called every highlight
"unlikely to be chance" whatever their number; ``tests/report/test_chance_highlights.py`` shows 1 in 20 null
comparisons highlighted).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from processes.frozenclass import frozen_dataclass

__all__ = ["Highlights", "highlights"]

#: a 95 % interval excludes a true change of zero once in this many comparisons
ONE_IN = 20


@frozen_dataclass
class Highlights:
    """``compared``: differences with an interval; ``highlighted``: those whose interval excludes zero;
    ``by_chance``: how many of them chance alone would highlight were no change real (``compared`` / 20)."""

    compared: int
    highlighted: int

    @property
    def by_chance(self) -> int:
        return round(self.compared / ONE_IN)


def highlights(doc: Mapping[str, Any]) -> Highlights:
    """The differences ``doc`` (``summary.json``'s document) compares with a baseline, and how many are
    highlighted."""
    compared = highlighted = 0
    for scenario in doc["scenarios"]:
        for point in scenario["points"]:
            comparison = point.get("comparison")
            for diff in (comparison or {}).get("differences", {}).values():
                if None in diff["ci"]:
                    continue
                compared += 1
                highlighted += bool(diff["significant"])
    return Highlights(compared, highlighted)
