"""A batch's results put together: estimates per scenario point, comparisons, failures.

:func:`assemble` turns the job outcomes (in plan order) into
:class:`BatchResults`: per scenario point the figures with intervals, the case
rows of every replication, the paired comparison with the baseline and the
failures. Pure: the same outcomes give the same results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scenarios.compare import Comparison, PointSummary, paired_differences, summarise_point
from scenarios.execute import UnitId, UnitResult
from scenarios.study import Scenario, Study
from simulator.runner import Failure

__all__ = ["PointResults", "BatchResults", "assemble"]


@dataclass(frozen=True, slots=True)
class PointResults:
    """One scenario point: its summary, comparison with the baseline, and raw rows.

    ``cases`` rows start with the replication number; ``eventlogs`` holds
    ``(replication, process, CSV text, XES bytes)`` per replication and process
    when the scenario asks for an event log.
    """

    scenario: Scenario
    index: int
    summary: PointSummary
    comparison: Comparison | None
    cases: tuple[tuple[Any, ...], ...]
    eventlogs: tuple[tuple[int, str, str, bytes], ...]


@dataclass(frozen=True, slots=True)
class BatchResults:
    """Everything a results folder and the report are written from."""

    study: Study
    points: tuple[PointResults, ...]
    failures: tuple[tuple[str, str], ...]  # (scenario, message), one per failed scenario point
    details: tuple[str, ...] = ()  # the traceback of every failed work unit (for --debug)

    @property
    def failed_scenarios(self) -> tuple[str, ...]:
        """Names of the scenarios with at least one failed work unit."""
        return tuple(dict.fromkeys(name for name, _msg in self.failures))


def assemble(study: Study, ids: Sequence[UnitId], outcomes: Sequence[Any]) -> BatchResults:
    """Put job outcomes (in the order of ``ids``) together per scenario point."""
    grouped: dict[tuple[str, int], dict[int, Any]] = {}
    for uid, outcome in zip(ids, outcomes, strict=True):
        grouped.setdefault((uid.scenario, uid.point), {})[uid.replication] = outcome
    summaries: dict[tuple[str, int], PointSummary] = {}
    rows: dict[tuple[str, int], tuple[list[Any], list[Any]]] = {}
    failures: list[tuple[str, str]] = []
    details = [o.detail for o in outcomes if isinstance(o, Failure)]
    for scenario in study.scenarios:
        for p, point in enumerate(scenario.points):
            reps = grouped.get((scenario.name, p), {})
            figures: list[dict[str, float] | None] = []
            messages: list[str] = []
            cases: list[tuple[Any, ...]] = []
            eventlogs: list[tuple[int, str, str, bytes]] = []
            for r in range(scenario.replications):
                outcome = reps.get(r)
                if isinstance(outcome, UnitResult):
                    figures.append(dict(outcome.figures))
                    cases += [(r, *row) for row in outcome.cases]
                    eventlogs += [(r, *log) for log in outcome.eventlogs]
                else:
                    figures.append(None)
                    message = outcome.message if isinstance(outcome, Failure) else "not run"
                    if message not in messages:
                        messages.append(message)
            if messages:
                failures.append((scenario.name, f"{point.label + ': ' if point.label else ''}{messages[0]}"))
            summaries[(scenario.name, p)] = summarise_point(scenario.name, point.label, point.values, figures, messages)
            rows[(scenario.name, p)] = (cases, eventlogs)
    by_name = {s.name: s for s in study.scenarios}
    points = []
    for scenario in study.scenarios:
        for p, _point in enumerate(scenario.points):
            comparison = None
            base = by_name.get(scenario.baseline) if scenario.baseline else None
            if base is not None:
                bp = 0 if len(base.points) == 1 else p
                comparison = paired_differences(summaries[(scenario.name, p)], summaries[(base.name, bp)])
            cases, eventlogs = rows[(scenario.name, p)]
            points.append(PointResults(scenario, p, summaries[(scenario.name, p)], comparison, tuple(cases), tuple(eventlogs)))
    return BatchResults(study, tuple(points), tuple(failures), tuple(details))
