"""What the engine calls as things happen: keeps records, feeds the streaming summary.

With ``keep_records=False`` no record object is created: each observation goes
straight into the fixed-size accumulators of :class:`simulator.stats.Summary`,
so memory stays flat however many cases run. With records, the figures are
computed from them (:func:`simulator.stats.figures`, exact), so the summary's
accumulators are not fed during the run: it carries the run's settings only.

``exact=True`` (without records): the summary keeps every duration and is fed
exactly as :func:`simulator.stats.summary_of` would replay the records -- each
activity as it is recorded (the records' order), the cases in case order when the
run ends -- so its figures are those from the records, to the last bit, without a
record object made. The activities can be added during the run because each is
recorded when it ends: before the observation window's end is known (the last
arrival) none ends after it, so clipping to the window gives what the replay gives.
"""

from __future__ import annotations

from typing import Any

from processes.params import SimParams
from simulator.records import ActivityRecord, CaseRecord, MeetingRecord, ResourceInterval, SimResult
from simulator.stats import Summary
from simulator.workplace import Workplace

__all__ = ["Recorder"]


class Recorder:
    """Collects the records of one run."""

    def __init__(self, keep_records: bool, params: SimParams, workplace: Workplace, *, marks_complete: bool = False,
                 marks_decision: bool = False, exact: bool = False) -> None:
        self.keep = keep_records
        self.marks_complete = marks_complete
        self.marks_decision = marks_decision
        self.params = params
        self.workplace = workplace
        self.warmup = float(params.warmup)
        self.summary = Summary(self.warmup, params.clock, params.start,
                               clock_starts_at_arrival=not marks_complete,
                               outcomes=params.outcomes, exact=exact and not keep_records)
        self.cases: list[CaseRecord] = []
        self.activities: list[ActivityRecord] = []
        self.intervals: list[ResourceInterval] = []
        self.meetings: dict[tuple[str, float], list[int]] = {}
        self.open: dict[int, Any] = {}
        #: the run is over and the cases still open were recorded so (:meth:`result`)
        self.settled = False
        #: exact summary: the cases as (id, arrival, complete, decision, end, outcome, extended), added at the end
        self.held: list[tuple[Any, ...]] | None = None
        #: what :meth:`worked` does with an uncancelled step by a pool of this workplace, when that is only
        #: ``summary.add_work(pool, enable, start, end, work, element)`` (no records): the engine calls it directly
        self.direct_work = None if keep_records else self.summary.add_work
        if exact and not keep_records:
            self.held = []
            # bound on the instance: the other modes' methods stay as they are
            self.case_done = self._hold_done  # type: ignore[method-assign]
            self.worked = self._worked_exact  # type: ignore[method-assign]
            self.decided = self._decided_exact  # type: ignore[method-assign]

    def use_clock(self, *, marks_complete: bool, marks_decision: bool) -> None:
        """Which clock events the run marks (set before the first case)."""
        self.marks_complete = marks_complete
        self.marks_decision = marks_decision
        self.summary.use_clock(starts_at_arrival=not marks_complete)

    # ------------------------------------------------------------------ cases

    def case_arrived(self, case: Any) -> None:
        self.open[case.id] = case

    def case_done(self, case: Any) -> None:
        """Record a case whose last token is gone, or one still open when the run ends (:meth:`result`).
        Without a legal clock the clock starts at arrival; without a clock stop or a decision step
        the case's end is its decision."""
        if self._closed_after_run(case):
            return
        complete = case.complete if self.marks_complete else case.arrival
        decision = case.decision if self.marks_decision else case.end
        if self.keep:
            self.cases.append(CaseRecord(case.id, case.arrival, complete, decision, case.end, case.outcome,
                                         case.extended))
        else:
            self.summary.add_case(case.arrival, complete, decision, case.end, case.outcome, case.extended)

    def _closed_after_run(self, case: Any) -> bool:
        """Take ``case`` off the open cases; True when :meth:`result` recorded it open already. Python closes a
        still-open case's token generator when it collects the run, which runs the token's ``finally`` and
        calls :meth:`case_done` again: a KeyError printed as "Exception ignored in ..." tracebacks, 55 of them
        under a validation of a discovered model that left cases open (found by QA, 2026-12-07)."""
        try:
            del self.open[case.id]
        except KeyError:
            if self.settled:
                return True
            raise
        return False

    def _hold_done(self, case: Any) -> None:
        """:meth:`case_done` of an exact summary: the case is added in case order at the end."""
        if self._closed_after_run(case):
            return
        self.held.append((case.id, case.arrival, case.complete if self.marks_complete else case.arrival,  # type: ignore[union-attr]
                          case.decision if self.marks_decision else case.end, case.end, case.outcome, case.extended))

    # ------------------------------------------------------------------ activities

    def waited(self, case: Any, node: Any, enable: float) -> None:
        """A delay, catch event, subprocess or zero-time task from ``enable`` to now."""
        now = self.workplace.env.now
        if self.keep:
            self.activities.append(ActivityRecord(case.id, node.id, node.name, "", enable, enable, now))
        else:
            self.summary.add_step(node.id, enable, enable, now, 0.0)

    def worked(self, case: Any, node: Any, pool: str, enable: float, start: float, end: float, work: float,
               cancelled: bool = False, member: str = "") -> None:
        """Work by a member of ``pool`` (the person ``member``, when the pool names its people),
        queued from ``enable``, held from ``start`` to ``end``."""
        if self.keep:
            self.activities.append(
                ActivityRecord(case.id, node.id, node.name, pool, enable, start, end, work, cancelled, member))
            self.intervals.append(ResourceInterval(pool, case.id, node.id, start, end, work))
        else:
            self.summary.add_work(pool, enable, start, end, work, node.id)

    def _worked_exact(self, case: Any, node: Any, pool: str, enable: float, start: float, end: float, work: float,
                      cancelled: bool = False, member: str = "") -> None:
        """:meth:`worked` of an exact summary: what summary_of does with the record (the usual
        case, a pool of this workplace, first)."""
        if pool and pool in self.workplace.pools:
            self.summary.add_work(pool, enable, start, end, work, node.id)
        else:
            self._replayed(node.id, pool, enable, start, end, work)

    def _decided_exact(self, case: Any, node: Any, body: str, enable: float, meeting: float, end: float) -> None:
        """:meth:`decided` of an exact summary: what summary_of does with the record."""
        self._replayed(node.id, body, enable, meeting, end, 0.0)

    def _replayed(self, element: str, resource: str, enable: float, start: float, end: float, work: float) -> None:
        # simulator.stats.summary_of's dispatch of one activity record, to the letter
        summary = self.summary
        if resource and resource in self.workplace.pools:
            summary.add_work(resource, enable, start, end, work, element)
        elif resource:
            summary.add_step(element, enable, start, end, work)
            summary.add_agenda(resource, enable, start)
        else:
            summary.add_step(element, enable, start, end, work)

    def decided(self, case: Any, node: Any, body: str, enable: float, meeting: float, end: float) -> None:
        """A decision by a body that meets: on the agenda of the meeting at ``meeting``."""
        if self.keep:
            self.activities.append(ActivityRecord(case.id, node.id, node.name, body, enable, meeting, end))
            self.meetings.setdefault((body, meeting), []).append(case.id)
        else:
            self.summary.add_step(node.id, enable, meeting, end, 0.0)
            self.summary.add_agenda(body, enable, meeting)

    def boundary(self, case: Any, node: Any, when: float) -> None:
        """A boundary event fired."""
        if self.keep:
            self.activities.append(ActivityRecord(case.id, node.id, node.name, "", when, when, when))
        else:
            self.summary.add_step(node.id, when, when, when, 0.0)

    # ------------------------------------------------------------------ result

    def result(self, root: Any, now: float, events: int) -> SimResult:
        for case in list(self.open.values()):
            self.case_done(case)  # still open: decision and end stay nan
        self.settled = True
        if self.held is not None:
            add_case = self.summary.add_case
            for _id, arrival, complete, decision, end, outcome, extended in sorted(self.held):
                add_case(arrival, complete, decision, end, outcome, extended)
            self.held = []
        window_end = self.workplace.observation_end()
        pools = self.workplace.pool_records(self.warmup, window_end)
        self.summary.close(window_end, pools)
        meetings = tuple(MeetingRecord(body, t, tuple(cases)) for (body, t), cases in sorted(self.meetings.items()))
        return SimResult(
            seed_entropy=(root.entropy, tuple(root.spawn_key)),
            horizon=window_end,
            warmup=self.warmup,
            cases=tuple(sorted(self.cases, key=lambda c: c.case)),
            activities=tuple(self.activities),
            intervals=tuple(self.intervals),
            pools=pools,
            meetings=meetings,
            summary=self.summary,
            events=events,
        )
