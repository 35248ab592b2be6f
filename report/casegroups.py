"""The case rows (``cases.csv``) as the charts of days read them: the days of each scenario's and
process's cases of the first sweep point after the warm-up, and which of them were late by their own
deadline.

Its own module: a run groups its first points' rows once, early, for both the deadline charts and the
processing times in every language (:func:`report.plotjobs.grouped_cases`); the charts
(:mod:`report.plots`) draw what it gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["CaseGroups", "case_groups"]


#: (scenario, process) -> the days of each case, and each scenario's first sweep point (:func:`case_groups`);
#: then, per (scenario, process), whether each of those cases was late by the clock's own rule (its
#: ``within_deadline`` cell is 0: a deadline in months is each case's own), None for rows without that column
CaseGroups = tuple[dict[tuple[str, str], list[float]], dict[str, str],
                   dict[tuple[str, str], list[bool]] | None]


def case_groups(cases: Iterable[Mapping[str, str]], column: str) -> CaseGroups:
    """The days in ``column`` of each (scenario, process) of the first sweep point of each scenario,
    cases after the warm-up with a value, in the rows' order; and each scenario's first point (the
    label of its first row); and which of them were late. What :func:`deadline_job` and
    :func:`processing_time_job` draw, the same in every language."""
    groups: dict[tuple[str, str], list[float]] = {}
    late: dict[tuple[str, str], list[bool]] | None = {}
    first_point: dict[str, str] = {}
    for row in cases:
        scenario = row["scenario"]
        first_point.setdefault(scenario, row["point"])
        if row["point"] != first_point[scenario] or row["warmup"] == "1" or not row[column]:
            continue
        key = (scenario, row["process"])
        groups.setdefault(key, []).append(float(row[column]))
        flag = row.get("within_deadline")
        if late is not None and flag in ("0", "1"):
            late.setdefault(key, []).append(flag == "0")
        else:  # a file of an earlier version, or no clock: the chart counts against its line
            late = None
    return groups, first_point, late
