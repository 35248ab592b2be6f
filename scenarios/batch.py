"""A batch's results put together: estimates per scenario point, comparisons, failures.

:func:`assemble` turns the job outcomes (in plan order) into
:class:`BatchResults`: per scenario point the figures with intervals, the case
rows of every replication, the paired comparison with the baseline and the
failures. Pure: the same outcomes give the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from processes.frozenclass import frozen_dataclass
from scenarios.compare import Comparison, PointSummary, paired_differences, summarise_point
from scenarios.execute import UnitId, UnitResult
from scenarios.study import Scenario, Study
from simulator.runner import Failure

__all__ = ["PointResults", "PointFailure", "BatchResults", "Assembly", "assemble"]


@frozen_dataclass
class PointFailure:
    """A scenario point whose work units did not all finish: the scenario, the point's index among its sweep points
    (0 for a scenario of one point) and the first message, after the point's label and ": " when it has one. The
    report finds the point by its index (it rebuilt this message to match it)."""

    scenario: str
    point: int
    message: str


@frozen_dataclass
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


@frozen_dataclass
class BatchResults:
    """Everything a results folder and the report are written from."""

    study: Study
    points: tuple[PointResults, ...]
    failures: tuple[PointFailure, ...]  # one per failed scenario point
    details: tuple[str, ...] = ()  # the traceback of every failed work unit (for --debug)

    @property
    def failed_scenarios(self) -> tuple[str, ...]:
        """Names of the scenarios with at least one failed work unit."""
        return tuple(dict.fromkeys(f.scenario for f in self.failures))


def assemble(study: Study, ids: Sequence[UnitId], outcomes: Sequence[Any]) -> BatchResults:
    """Put job outcomes (in the order of ``ids``) together per scenario point."""
    return Assembly(study, ids).finish(outcomes)


class Assembly:
    """:func:`assemble` in steps: a scenario point is summarised as soon as its last work unit
    is back (:meth:`arrived`, called while the other units still run), the rest at :meth:`finish`.
    The results are those of :func:`assemble`, whatever order the units came back in.
    ``done(point)``: called with each :class:`PointResults` (no comparison yet) summarised in
    :meth:`arrived`, while the other units still run (a report can start on it); the same
    point as :meth:`finish` gives, but for its comparison. ``compared(point)``: called once per point
    summarised in :meth:`arrived` as soon as its baseline point is summarised too (at once when it has
    none), with the very point :meth:`finish` gives, comparison and all."""

    def __init__(self, study: Study, ids: Sequence[UnitId],
                 done: Callable[[PointResults], None] | None = None,
                 compared: Callable[[PointResults], None] | None = None) -> None:
        self.study, self.ids, self.done, self.compared = study, ids, done, compared
        self._left: dict[tuple[str, int], int] = {}
        for uid in ids:
            key = (uid.scenario, uid.point)
            self._left[key] = self._left.get(key, 0) + 1
        self._reps: dict[tuple[str, int], dict[int, Any]] = {}
        self._done: dict[tuple[str, int], tuple[PointSummary, list[Any], list[Any], list[str]]] = {}
        self._points = {(s.name, p): (s, point) for s in study.scenarios for p, point in enumerate(s.points)}
        by_name = {s.name: s for s in study.scenarios}
        #: each point's baseline point (None: it has none), and the points that each point is the baseline of
        self._base: dict[tuple[str, int], tuple[str, int] | None] = {}
        self._based: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for s in study.scenarios:
            base = by_name.get(s.baseline) if s.baseline else None
            for p in range(len(s.points)):
                self._base[(s.name, p)] = None if base is None else (base.name, 0 if len(base.points) == 1 else p)
                if base is not None:
                    self._based.setdefault((base.name, 0 if len(base.points) == 1 else p), []).append((s.name, p))
        self._compared: dict[tuple[str, int], Comparison] = {}
        self._made: dict[tuple[str, int], PointResults] = {}

    def arrived(self, indexes: Sequence[int], outcomes: Sequence[Any]) -> None:
        """The outcomes of the units ``ids[i]`` for ``i`` in ``indexes`` are back."""
        for index, outcome in zip(indexes, outcomes, strict=True):
            uid = self.ids[index]
            key = (uid.scenario, uid.point)
            self._reps.setdefault(key, {})[uid.replication] = outcome
            self._left[key] -= 1
            if self._left[key] == 0 and key in self._points:
                self._done[key] = self._point(key)
                for other in (key, *self._based.get(key, ())):
                    self._compare(other)
                if self.done is not None:
                    summary, cases, eventlogs, _messages = self._done[key]
                    self.done(PointResults(self._points[key][0], key[1], summary, None, tuple(cases), tuple(eventlogs)))
                if self.compared is not None:
                    for other in dict.fromkeys((key, *self._based.get(key, ()))):
                        base = self._base[other]
                        if other not in self._made and other in self._done and (base is None or base in self._done):
                            self.compared(self._results(other))

    def _compare(self, key: tuple[str, int], *, last: bool = False) -> Comparison | None:
        """The comparison of point ``key`` with its baseline point, once both are summarised
        (``last``: they must be)."""
        base = self._base[key]
        if base is None:
            return None
        if key not in self._done or base not in self._done:
            if last:
                raise KeyError(base)
            return None
        if key not in self._compared:
            self._compared[key] = paired_differences(self._done[key][0], self._done[base][0])
        return self._compared[key]

    def _point(self, key: tuple[str, int]) -> tuple[PointSummary, list[Any], list[Any], list[str]]:
        scenario, point = self._points[key]
        reps = self._reps.get(key, {})
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
        summary = summarise_point(scenario.name, point.label, point.values, figures, messages)
        return summary, cases, eventlogs, messages

    def finish(self, outcomes: Sequence[Any]) -> BatchResults:
        """The results, given every outcome (in the order of ``ids``): the points not yet
        summarised are summarised here from ``outcomes``."""
        if len(outcomes) != len(self.ids):
            raise ValueError(f"{len(outcomes)} outcomes for {len(self.ids)} work units")
        todo = [i for i, uid in enumerate(self.ids) if (uid.scenario, uid.point) not in self._done]
        self._reps = {key: reps for key, reps in self._reps.items() if key in self._done}
        self._left = {key: left for key, left in self._left.items() if key in self._done}
        for i in todo:
            uid = self.ids[i]
            self._reps.setdefault((uid.scenario, uid.point), {})[uid.replication] = outcomes[i]
        failures: list[PointFailure] = []
        details = [o.detail for o in outcomes if isinstance(o, Failure)]
        for scenario in self.study.scenarios:
            for p, point in enumerate(scenario.points):
                key = (scenario.name, p)
                if key not in self._done:
                    self._done[key] = self._point(key)
                messages = self._done[key][3]
                if messages:
                    failures.append(PointFailure(scenario.name, p, f"{point.label + ': ' if point.label else ''}"
                                                                  f"{messages[0]}"))
        points = tuple(self._results((scenario.name, p), last=True)
                       for scenario in self.study.scenarios for p in range(len(scenario.points)))
        return BatchResults(self.study, points, tuple(failures), tuple(details))

    def _results(self, key: tuple[str, int], *, last: bool = False) -> PointResults:
        """Point ``key``'s results with its comparison (``last``: :meth:`_compare`'s). Each point's are
        made once, so :meth:`finish` gives the very objects that ``compared`` was given."""
        made = self._made.get(key)
        if made is None:
            summary, cases, eventlogs, _messages = self._done[key]
            made = self._made[key] = PointResults(self._points[key][0], key[1], summary,
                                                  self._compare(key, last=last), tuple(cases), tuple(eventlogs))
        return made
