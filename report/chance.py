"""Which of a report's differences are highlighted: those still unlikely to be chance among all it compares.

A difference's 95 % interval excludes zero (:attr:`scenarios.compare.Difference.significant`) for one in 20 of
the changes that truly do nothing. A report compares every figure of every scenario and sweep point with its
baseline, some hundreds or thousands of them, so that alone would highlight tens of changes that do nothing
(found by QA: the report called every such highlight "unlikely to be chance"; then it said how many chance
would give and did not correct for it). Now a difference is highlighted when its interval excludes zero and
its paired t-test's p-value, adjusted by Benjamini and Hochberg over every difference the report compares
(:func:`scenarios.multiplicity.bh_adjusted`), is at most 0.05: on average at most one in 20 of the
highlighted changes is one that does nothing, however many are compared (the false discovery rate; with no
real change at all, the chance that even one is highlighted is at most one in 20). Not Holm's family-wise
control: over 3,776 comparisons it would ask each for p below 0.05 / 3,776, and with 10 replications it would
hide most real changes of a few days. The intervals themselves stay those of ``summary.json``
(``significant`` there is the interval's own verdict, uncorrected).

The figures tables are made point by point while a run goes on (:class:`report.figuretables.EarlyTables`),
before every difference is known, so a diff cell carries a mark (:func:`highlight_marks`) that
:func:`mark_highlights` turns into the highlight or nothing once the whole report's differences are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from processes.frozenclass import frozen_dataclass
from scenarios.multiplicity import bh_adjusted, paired_p_value

__all__ = ["Highlights", "highlights", "highlight_marks", "mark_highlights", "FDR"]

#: a 95 % interval excludes a true change of zero once in this many comparisons
ONE_IN = 20
#: the false discovery rate the highlights keep: at most this share of them, on average, do nothing
FDR = 0.05

_MARK = "\x1e"  # a control character no text of the tables holds: replaced before the page is out
_MARKS = re.compile(f"{_MARK}([ST])([^{_MARK}]*){_MARK}")


@frozen_dataclass
class Highlights:
    """``compared``: differences with an interval; ``significant``: those whose interval excludes zero;
    ``marked``: those highlighted, by (scenario, point index, figure), corrected for the number compared
    (Benjamini-Hochberg at :data:`FDR`); ``by_chance``: how many intervals chance alone would put clear of
    zero were no change real (``compared`` / 20)."""

    compared: int
    significant: int
    marked: frozenset[tuple[str, int, str]] = frozenset()

    @property
    def highlighted(self) -> int:
        return len(self.marked)

    @property
    def by_chance(self) -> int:
        return round(self.compared / ONE_IN)

    def kept(self, scenario: str, index: int, figure: str) -> bool:
        """Whether the difference of ``figure`` at point ``index`` of ``scenario`` is highlighted: what every
        sentence of the report that calls a change sure asks (the answers, the how-sure section), as the tables'
        highlight does."""
        return (scenario, index, figure) in self.marked


def highlights(doc: Mapping[str, Any]) -> Highlights:
    """The differences ``doc`` (``summary.json``'s document) compares with a baseline, and which are
    highlighted: interval clear of zero, Benjamini-Hochberg adjusted p-value at most :data:`FDR` over all of
    them."""
    keys, p_values, significant = [], [], []
    for scenario in doc["scenarios"]:
        for index, point in enumerate(scenario["points"]):
            comparison = point.get("comparison")
            for figure, diff in (comparison or {}).get("differences", {}).items():
                if None in diff["ci"]:
                    continue
                p = paired_p_value([math.nan if v is None else v for v in diff["replications"]])
                keys.append((scenario["name"], index, figure))
                p_values.append(1.0 if math.isnan(p) else p)
                significant.append(bool(diff["significant"]))
    adjusted = bh_adjusted(p_values)
    marked = frozenset(k for k, q, sure in zip(keys, adjusted, significant, strict=True) if sure and q <= FDR)
    return Highlights(len(keys), sum(significant), marked)


def highlight_marks(figure: str) -> tuple[str, str]:
    """The marks a diff cell of ``figure`` (``member/figure``) carries: its class's (`` sig`` when
    highlighted) and its star's (`` *``), for :func:`mark_highlights`."""
    return f"{_MARK}S{figure}{_MARK}", f"{_MARK}T{figure}{_MARK}"


def mark_highlights(tables: str, scenario: str, index: int, chance: Highlights) -> str:
    """A point's tables with each diff cell's marks turned into its highlight (`` sig`` and `` *``) or
    nothing."""
    def said(match: re.Match[str]) -> str:
        if (scenario, index, match.group(2)) not in chance.marked:
            return ""
        return " sig" if match.group(1) == "S" else " *"

    return _MARKS.sub(said, tables)
